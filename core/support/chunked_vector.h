#pragma once
// ChunkedVector: an append-only sequence stored in fixed-size chunks held by shared_ptr, so that a copy
// costs one pointer per chunk and shares every element with the vector it was copied from. A trajectory
// is one: the solver's path grows while the snapshots it published, each a copy, read their prefixes.
//
// Why the one writer may append into a chunk that copies read, without a lock and without a data race:
//  - a copy reads only indices below its own size, fixed when it was made: elements already written;
//  - a vector writes only at or past its own size, and only into a last chunk it owns (ownsTail_):
//    one it allocated, or one it copied for itself. A copy never owns the chunk it shares, so its first
//    append copies that chunk (copy-on-write); two vectors never write into the same chunk;
//  - every copy of the writer was made at a size no larger than the writer's (appends only grow it), so
//    what the writer writes is memory no copy reads; truncation copies the chunk holding the new end
//    (always: a use count cannot tell "shared" safely across threads), so elements past the new end that
//    a copy saw are never written again.
// The copy itself must reach another thread through a synchronizing hand-over (the solver's snapshot
// mutex), as any object must. The chunks' reference counts are atomic, so copies may be made, read and
// dropped on any thread. Chunks come from a small per-size pool (ChunkPool) so that a path computed again
// reuses warm memory.

#include <algorithm>
#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <stdexcept>
#include <vector>

namespace gradscape {

/// Memory for chunks of one size, recycled: a chunk released by the last vector holding it is kept (up to
/// kRetainedBytes) for the next one. Freshly allocated memory costs a page fault every 4 KiB on first
/// touch, a third of the stepping rate of a path computed again after a drag. Thread-safe.
class ChunkPool {
  public:
    static constexpr std::size_t kRetainedBytes = std::size_t(32) << 20;

    ChunkPool(std::size_t bytes, std::size_t alignment)
        : bytes_(bytes), alignment_(std::max(alignment, alignof(std::max_align_t))) {}
    void* take() {
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                void* memory = free_.back();
                free_.pop_back();
                return memory;
            }
        }
        return ::operator new(bytes_, std::align_val_t(alignment_));
    }
    void give(void* memory) noexcept {
        {
            std::lock_guard lock(mutex_);
            if ((free_.size() + 1) * bytes_ <= kRetainedBytes) {
                try {
                    free_.push_back(memory);
                    return;
                } catch (...) {
                    // no room to remember it: freed below
                }
            }
        }
        ::operator delete(memory, std::align_val_t(alignment_));
    }

  private:
    const std::size_t bytes_, alignment_;
    std::mutex mutex_;
    std::vector<void*> free_;
};

template <class T, std::size_t ChunkSize = 4096>
class ChunkedVector {
    static_assert(ChunkSize > 0 && (ChunkSize & (ChunkSize - 1)) == 0, "the chunk size is a power of two");

    struct Chunk {
        T items[ChunkSize];
    };
    using ChunkPointer = std::shared_ptr<Chunk>;

  public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = const T&;
    using const_reference = const T&;
    static constexpr std::size_t kChunkSize = ChunkSize;

    /// A read-only random-access iterator; invalidated by anything that changes the vector (as
    /// std::vector's by a reallocation).
    class const_iterator {
      public:
        using iterator_category = std::random_access_iterator_tag;
        using iterator_concept = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        const_iterator() = default;
        reference operator*() const { return at(index_); }
        pointer operator->() const { return &at(index_); }
        reference operator[](difference_type n) const { return at(index_ + n); }
        const_iterator& operator++() { return ++index_, *this; }
        const_iterator operator++(int) { return {chunks_, index_++}; }
        const_iterator& operator--() { return --index_, *this; }
        const_iterator operator--(int) { return {chunks_, index_--}; }
        const_iterator& operator+=(difference_type n) { return index_ += n, *this; }
        const_iterator& operator-=(difference_type n) { return index_ -= n, *this; }
        friend const_iterator operator+(const_iterator i, difference_type n) { return i += n; }
        friend const_iterator operator+(difference_type n, const_iterator i) { return i += n; }
        friend const_iterator operator-(const_iterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return a.index_ - b.index_;
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) {
            return a.index_ == b.index_;
        }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) {
            return a.index_ <=> b.index_;
        }

      private:
        friend class ChunkedVector;
        const_iterator(const ChunkPointer* chunks, difference_type index) : chunks_(chunks), index_(index) {}
        reference at(difference_type i) const {
            const auto u = static_cast<std::size_t>(i);
            return chunks_[u / ChunkSize]->items[u % ChunkSize];
        }
        const ChunkPointer* chunks_ = nullptr;
        difference_type index_ = 0;
    };
    using iterator = const_iterator;

    ChunkedVector() = default;
    template <std::input_iterator It>
    ChunkedVector(It first, It last) {
        append(first, last);
    }
    /// Shares every chunk: O(chunks), no element is copied.
    ChunkedVector(const ChunkedVector& other)
        : chunks_(other.chunks_.begin(), other.chunks_.begin() + other.usedChunks()),
          size_(other.size_),
          ownsTail_(false) {}
    ChunkedVector(ChunkedVector&& other) noexcept
        : chunks_(std::move(other.chunks_)), size_(other.size_), ownsTail_(other.ownsTail_) {
        other.chunks_.clear(), other.size_ = 0, other.ownsTail_ = true;
    }
    ChunkedVector& operator=(const ChunkedVector& other) {
        if (this != &other) {
            chunks_.assign(other.chunks_.begin(), other.chunks_.begin() + other.usedChunks());
            size_ = other.size_, ownsTail_ = false;
        }
        return *this;
    }
    ChunkedVector& operator=(ChunkedVector&& other) noexcept {
        if (this != &other) {
            chunks_ = std::move(other.chunks_), size_ = other.size_, ownsTail_ = other.ownsTail_;
            other.chunks_.clear(), other.size_ = 0, other.ownsTail_ = true;
        }
        return *this;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& operator[](std::size_t i) const { return chunks_[i / ChunkSize]->items[i % ChunkSize]; }
    const T& at(std::size_t i) const {
        if (i >= size_) throw std::out_of_range("ChunkedVector::at: index out of range");
        return (*this)[i];
    }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[size_ - 1]; }
    const_iterator begin() const { return {chunks_.data(), 0}; }
    const_iterator end() const { return {chunks_.data(), static_cast<std::ptrdiff_t>(size_)}; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }

    /// Calls fn(std::span<const T>) for each contiguous run of the elements [from, to), in order: at most
    /// one span per chunk, for loops that want raw pointers.
    template <class Fn>
    void forEachSpan(std::size_t from, std::size_t to, Fn&& fn) const {
        to = std::min(to, size_);
        while (from < to) {
            const std::size_t offset = from % ChunkSize, count = std::min(ChunkSize - offset, to - from);
            fn(std::span<const T>(chunks_[from / ChunkSize]->items + offset, count));
            from += count;
        }
    }
    template <class Fn>
    void forEachSpan(Fn&& fn) const {
        forEachSpan(0, size_, std::forward<Fn>(fn));
    }

    /// The elements as one std::vector (a copy: O(size)).
    std::vector<T> toVector() const {
        std::vector<T> out;
        out.reserve(size_);
        forEachSpan([&](std::span<const T> run) { out.insert(out.end(), run.begin(), run.end()); });
        return out;
    }

    /// How many leading elements this vector and `other` hold in the same memory, so they are equal
    /// without looking at them: the elements of their common leading chunks, up to the shorter size.
    /// O(chunks). Equal elements in different chunks (a path recomputed to the same points) do not count.
    std::size_t sharedPrefix(const ChunkedVector& other) const {
        const std::size_t common = std::min(chunks_.size(), other.chunks_.size());
        std::size_t shared = 0;
        while (shared < common && chunks_[shared] == other.chunks_[shared])
            ++shared;
        return std::min({shared * ChunkSize, size_, other.size_});
    }

    /// Whether element i lies in the same chunk object as element i of `other` (a stable identity for
    /// caches keyed by storage); false past either size.
    bool sharesChunkAt(std::size_t i, const ChunkedVector& other) const {
        return i < size_ && i < other.size_ && chunks_[i / ChunkSize] == other.chunks_[i / ChunkSize];
    }

    void push_back(const T& value) {
        appendSpace()[0] = value;
        ++size_;
    }
    template <std::input_iterator It>
    void append(It first, It last) {
        for (; first != last; ++first)
            push_back(*first);
    }

    /// The writable elements from size() to the end of the last chunk (a fresh chunk when it is full, a
    /// private copy of it when it is shared): write a prefix of them, then commitAppend(count). Lets a loop
    /// write a chunk's worth through a raw pointer with no per-element check.
    std::span<T> appendSpace() {
        const std::size_t index = size_ / ChunkSize, offset = size_ % ChunkSize;
        if (index == chunks_.size()) {
            chunks_.push_back(newChunk());
        } else if (!ownsTail_) {
            ChunkPointer own = newChunk();
            std::copy_n(chunks_[index]->items, offset, own->items);
            chunks_[index] = std::move(own);
        }
        ownsTail_ = true;
        return {chunks_[index]->items + offset, ChunkSize - offset};
    }
    /// Takes the first `count` elements of the last appendSpace() (count <= its size) into the vector.
    void commitAppend(std::size_t count) { size_ += count; }

    /// Keeps the first `count` elements (no-op when count >= size()). The chunk holding the new end is
    /// copied, so no copy ever sees an element of it rewritten.
    void truncate(std::size_t count) {
        if (count >= size_) return;
        chunks_.resize(usedChunks(count));
        if (const std::size_t offset = count % ChunkSize; offset != 0) {
            ChunkPointer own = newChunk();
            std::copy_n(chunks_.back()->items, offset, own->items);
            chunks_.back() = std::move(own);
        }
        size_ = count;
        ownsTail_ = true;
    }
    void clear() {
        chunks_.clear();
        size_ = 0;
        ownsTail_ = true;
    }

    friend bool operator==(const ChunkedVector& a, const ChunkedVector& b) {
        if (a.size_ != b.size_) return false;
        const std::size_t shared = a.sharedPrefix(b);
        return std::equal(a.begin() + static_cast<std::ptrdiff_t>(shared), a.end(),
                          b.begin() + static_cast<std::ptrdiff_t>(shared));
    }
    friend bool operator==(const ChunkedVector& a, const std::vector<T>& b) {
        return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }

  private:
    static std::size_t usedChunks(std::size_t count) { return (count + ChunkSize - 1) / ChunkSize; }
    std::size_t usedChunks() const { return usedChunks(size_); }
    // Default-initialized (a chunk's elements are written before any vector's size covers them), from the
    // pool of recycled chunks.
    static ChunkPointer newChunk() {
        void* memory = chunkPool().take();
        Chunk* chunk = new (memory) Chunk;
        return ChunkPointer(chunk, [](Chunk* c) {
            c->~Chunk();
            chunkPool().give(c);
        });
    }
    static ChunkPool& chunkPool() {
        // Never destroyed: chunks may be released by other objects' destructors at exit.
        static ChunkPool* pool = new ChunkPool(sizeof(Chunk), alignof(Chunk));
        return *pool;
    }

    // usedChunks() of them, and after an appendSpace() that was not committed one more, empty and owned:
    // copies leave that one out.
    std::vector<ChunkPointer> chunks_;
    std::size_t size_ = 0;
    bool ownsTail_ = true;  // whether this vector may write past size_ into the chunk holding index size_
};

}  // namespace gradscape
