// See sqlite/first_load_ids.h. Four bit positions an id, taken from one
// 64-bit mix of it (double hashing: h1 + i * h2).
#include "db/sqlite/first_load_ids.h"

namespace jao::db::sqlite {
namespace {

constexpr int kBitsLog2 = 23;  // 2^23 bits: 1 MiB
constexpr uint64_t kBitMask = (uint64_t{1} << kBitsLog2) - 1;
constexpr int kProbes = 4;

uint64_t Mix(int32_t id) {
  uint64_t h = static_cast<uint32_t>(id) * 0x9E3779B97F4A7C15ULL;
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 29;
  return h;
}

template <typename Visit>
bool EachBit(int32_t id, Visit visit) {
  const uint64_t h = Mix(id);
  const uint64_t h1 = h & 0xFFFF'FFFF;
  const uint64_t h2 = (h >> 32) | 1;
  for (int i = 0; i < kProbes; ++i) {
    if (!visit((h1 + i * h2) & kBitMask)) return false;
  }
  return true;
}

}  // namespace

FirstLoadIds::FirstLoadIds() : words_((kBitMask + 1) / 64, 0) {}

void FirstLoadIds::Add(int32_t id) {
  EachBit(id, [&](uint64_t bit) {
    words_[bit / 64] |= uint64_t{1} << (bit % 64);
    return true;
  });
}

bool FirstLoadIds::MayContain(int32_t id) const {
  return EachBit(id, [&](uint64_t bit) {
    return (words_[bit / 64] >> (bit % 64) & 1) != 0;
  });
}

}  // namespace jao::db::sqlite
