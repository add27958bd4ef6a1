#pragma once
// A random generator whose draws are the same on every machine and easy to reproduce in another language:
// splitmix64 for the integers, their top 53 bits for a uniform double, Box-Muller for a normal one. The
// standard library's distributions are not used: libstdc++ and libc++ turn the same engine's integers
// into different doubles, and a data set or an initialization must be the same wherever it is made.
//
// In Python (what tools/ would write to check a file):
//   state = (state + 0x9E3779B97F4A7C15) % 2**64
//   z = state; z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
//   z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64; z ^= z >> 31
//   uniform = (z >> 11) * 2**-53
//   normal = sqrt(-2 log(1 - u1)) * cos(2 pi u2)        (one uniform pair per normal, no cached twin)
// The integers and uniforms are bit-exact everywhere; a normal also goes through log, sqrt and cos, which
// glibc rounds the same on every x86-64 and arm64 machine.

#include <cmath>
#include <cstdint>
#include <numbers>

namespace gradscape {

class PortableRandom {
  public:
    explicit PortableRandom(std::uint64_t seed) : state_(seed) {}

    /// The next 64 random bits (splitmix64).
    std::uint64_t nextBits() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Moves on past `draws` calls of nextBits without making them: splitmix64's state only counts
    /// (state += draws * 0x9E3779B97F4A7C15, modulo 2^64).
    void discard(std::uint64_t draws) { state_ += draws * 0x9E3779B97F4A7C15ull; }
    /// A uniform double in [0, 1), a multiple of 2^-53.
    double uniform() { return static_cast<double>(nextBits() >> 11) * 0x1.0p-53; }
    /// A uniform double in [lo, hi): lo + (hi - lo) u.
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// A standard normal double by Box-Muller, from two uniforms (1 - u1 is in (0, 1], so the log is finite).
    double normal() {
        const double u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

  private:
    std::uint64_t state_;
};

}  // namespace gradscape
