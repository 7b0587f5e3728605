// See vacancy_digest.h. The hash reads eight bytes at a time, so that the
// digest of a long description costs little beside writing it.
#include "db/vacancy_digest.h"

#include <bit>
#include <cstring>
#include <vector>

namespace jao::db {
namespace {

constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;  // 2^64 / golden ratio
constexpr uint64_t kMixer = 0xBF58476D1CE4E5B9ULL;

// A final avalanche so that every input bit reaches every output bit.
uint64_t Finish(uint64_t h) {
  h ^= h >> 31;
  h *= kMixer;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBULL;
  h ^= h >> 32;
  return h;
}

uint64_t Mix(uint64_t h, uint64_t word) {
  h ^= word * kMultiplier;
  h = std::rotl(h, 27) * kMixer;
  return h;
}

uint64_t Load64(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  if constexpr (std::endian::native == std::endian::big) {
    word = __builtin_bswap64(word);
  }
  return word;
}

// Accumulates a field's parts; each part is length-prefixed, so that
// ("ab", "c") and ("a", "bc") differ.
class FieldHasher {
 public:
  explicit FieldHasher(int field) : h_(Mix(0, static_cast<uint64_t>(field))) {}
  FieldHasher& Null() {
    h_ = Mix(h_, 0xFFFF'FFFF'FFFF'FFFFULL);
    return *this;
  }
  FieldHasher& Int(int64_t value) {
    h_ = Mix(Mix(h_, 1), static_cast<uint64_t>(value));
    return *this;
  }
  FieldHasher& Text(std::string_view text) {
    h_ = Mix(Mix(h_, 2), Hash64(text));
    return *this;
  }
  FieldHasher& OptionalInt(const std::optional<int64_t>& value) {
    return value ? Int(*value) : Null();
  }
  FieldHasher& OptionalText(const std::optional<std::string_view>& value) {
    return value ? Text(*value) : Null();
  }
  uint64_t Done() const { return Finish(h_); }

 private:
  uint64_t h_;
};

// Lists are sets as stored: each element hashed alone and the hashes
// added, which no order changes, then mixed with the count.
uint64_t NameSet(int field, const std::vector<std::string_view>& names) {
  uint64_t sum = 0;
  for (std::string_view name : names) sum += Hash64(name, 1);
  return FieldHasher(field)
      .Int(static_cast<int64_t>(names.size()))
      .Int(static_cast<int64_t>(sum))
      .Done();
}

uint64_t Statistics(int field, const VacancyRecord& r) {
  uint64_t sum = 0;
  for (const StatisticValue& s : r.statistics) {
    sum += Finish(
        Mix(Mix(Hash64(s.group, 2), static_cast<uint64_t>(s.characteristic)),
            static_cast<uint64_t>(s.percent_hundredths)));
  }
  return FieldHasher(field)
      .OptionalInt(r.total_applications)
      .Int(static_cast<int64_t>(r.statistics.size()))
      .Int(static_cast<int64_t>(sum))
      .Done();
}

uint64_t LastUpdatedDigest(int64_t last_updated_us) {
  return FieldHasher(static_cast<int>(StoredField::kLastUpdated))
      .Int(last_updated_us)
      .Done();
}

}  // namespace

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  uint64_t h = Mix(seed, bytes.size());
  const char* p = bytes.data();
  size_t left = bytes.size();
  for (; left >= 8; left -= 8, p += 8) h = Mix(h, Load64(p));
  if (left > 0) {
    char tail[8] = {};
    std::memcpy(tail, p, left);
    h = Mix(h, Load64(tail));
  }
  return Finish(h);
}

std::string_view StoredFieldName(StoredField field) {
  static constexpr std::string_view kNames[kNumStoredFields] = {
      "title",      "summary",      "description", "last_updated",
      "live_date",  "closing_date", "min_salary",  "max_salary",
      "department", "grades",       "role_types",  "statistics"};
  return kNames[static_cast<int>(field)];
}

std::string FieldNames(FieldMask mask, std::string_view separator) {
  std::string names;
  for (int i = 0; i < kNumStoredFields; ++i) {
    if ((mask & (FieldMask{1} << i)) == 0) continue;
    if (!names.empty()) names += separator;
    names += StoredFieldName(static_cast<StoredField>(i));
  }
  return names;
}

VacancyDigest DigestOf(const VacancyRecord& r) {
  using F = StoredField;
  auto index = [](F field) { return static_cast<int>(field); };
  VacancyDigest d;
  d.fields[index(F::kTitle)] =
      FieldHasher(index(F::kTitle)).OptionalText(r.title).Done();
  d.fields[index(F::kSummary)] =
      FieldHasher(index(F::kSummary)).OptionalText(r.summary).Done();
  d.fields[index(F::kDescription)] =
      FieldHasher(index(F::kDescription)).OptionalText(r.description).Done();
  d.fields[index(F::kLastUpdated)] = LastUpdatedDigest(r.last_updated_us);
  d.fields[index(F::kLiveDate)] =
      FieldHasher(index(F::kLiveDate)).Int(r.live_date_us).Done();
  d.fields[index(F::kClosingDate)] =
      FieldHasher(index(F::kClosingDate)).Int(r.closing_date_us).Done();
  d.fields[index(F::kMinSalary)] = FieldHasher(index(F::kMinSalary))
                                       .OptionalInt(r.min_salary_hundredths)
                                       .Done();
  d.fields[index(F::kMaxSalary)] = FieldHasher(index(F::kMaxSalary))
                                       .OptionalInt(r.max_salary_hundredths)
                                       .Done();
  d.fields[index(F::kDepartment)] =
      FieldHasher(index(F::kDepartment)).OptionalText(r.department).Done();
  d.fields[index(F::kGrades)] = NameSet(index(F::kGrades), r.grades);
  d.fields[index(F::kRoleTypes)] = NameSet(index(F::kRoleTypes), r.role_types);
  d.fields[index(F::kStatistics)] = Statistics(index(F::kStatistics), r);
  return d;
}

VacancyDigest DigestFor(const VacancyRecord& record) {
  return record.digest ? *record.digest : DigestOf(record);
}

FieldMask ChangedFields(const std::optional<VacancyDigest>& before,
                        const VacancyDigest& after) {
  if (!before) return kAllFields;
  FieldMask changed = 0;
  for (int i = 0; i < kNumStoredFields; ++i) {
    if (before->fields[i] != after.fields[i]) changed |= FieldMask{1} << i;
  }
  return changed;
}

FeedWrite PlanFeedWrite(int64_t run_id, bool present,
                        int64_t stored_last_updated_us,
                        const std::optional<StoredDigest>& stored,
                        const VacancyDigest& now) {
  FeedWrite plan;
  const int last_updated = static_cast<int>(StoredField::kLastUpdated);
  const bool current = present && stored && stored->digest &&
                       stored->digest->fields[last_updated] ==
                           LastUpdatedDigest(stored_last_updated_us);
  if (current && run_id > 0 && stored->run_id == run_id) {
    plan.before = stored->before;
  } else if (current) {
    plan.before = stored->digest;
  }
  plan.fields = ChangedFields(plan.before, now);
  plan.text_changed = (plan.fields & kTextFields) != 0;
  return plan;
}

std::string EncodeDigest(const VacancyDigest& digest) {
  std::string bytes(8 * kNumStoredFields, '\0');
  for (int i = 0; i < kNumStoredFields; ++i) {
    for (int b = 0; b < 8; ++b) {
      bytes[8 * i + b] =
          static_cast<char>((digest.fields[i] >> (8 * b)) & 0xFF);
    }
  }
  return bytes;
}

std::optional<VacancyDigest> DecodeDigest(std::string_view bytes) {
  if (bytes.size() != 8 * kNumStoredFields) return std::nullopt;
  VacancyDigest digest;
  for (int i = 0; i < kNumStoredFields; ++i) {
    uint64_t value = 0;
    for (int b = 7; b >= 0; --b) {
      value = (value << 8) | static_cast<unsigned char>(bytes[8 * i + b]);
    }
    digest.fields[i] = value;
  }
  return digest;
}

}  // namespace jao::db
