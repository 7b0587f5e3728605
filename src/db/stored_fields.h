// The stored fields of a vacancy as the change feed names them, and their
// digests (db/vacancy_digest.h computes them): shared by the record, which
// may carry its digest, and the feed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace jao::db {

// The stored fields `jao-ingest changes` reports, by target name, in the
// order it lists them.
enum class StoredField : int {
  kTitle = 0,
  kSummary,
  kDescription,
  kLastUpdated,
  kLiveDate,
  kClosingDate,
  kMinSalary,
  kMaxSalary,
  kDepartment,
  kGrades,
  kRoleTypes,
  kStatistics,  // the statistic rows and the total number of applications
};
inline constexpr int kNumStoredFields = 12;

// A set of StoredFields, bit i for field i.
using FieldMask = uint32_t;
inline constexpr FieldMask kAllFields = (FieldMask{1} << kNumStoredFields) - 1;
constexpr FieldMask MaskOf(StoredField field) {
  return FieldMask{1} << static_cast<int>(field);
}
// The embedded text.
inline constexpr FieldMask kTextFields = MaskOf(StoredField::kTitle) |
                                         MaskOf(StoredField::kSummary) |
                                         MaskOf(StoredField::kDescription);

// "title", "summary", ..., "statistics".
std::string_view StoredFieldName(StoredField field);
// The names of `mask`'s fields in StoredField order, joined by `separator`.
std::string FieldNames(FieldMask mask, std::string_view separator);

struct VacancyDigest {
  std::array<uint64_t, kNumStoredFields> fields{};
  friend bool operator==(const VacancyDigest&, const VacancyDigest&) = default;
};

}  // namespace jao::db
