#pragma once
// A std::vector whose resize leaves new elements of a trivial type unwritten, for large buffers that are
// filled completely right after (a sampled grid): zero-filling them first touched every page twice, and
// page faults were the largest single cost of a one-shot render.

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace gradscape {

/// std::allocator, except that value-initialization (what resize(n) asks for) default-initializes:
/// a float is left as it is instead of set to 0. Construction with arguments is unchanged.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    DefaultInitAllocator() noexcept = default;
    template <class U>
    DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

/// A vector whose resize() leaves new floats, bytes, ... unwritten: every element must be written before
/// it is read.
template <class T>
using UninitializedVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace gradscape
