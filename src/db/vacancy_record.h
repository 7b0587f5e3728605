// What the loader writes: one validated vacancy, already in the units the
// database stores, knowing nothing of Parquet. Built by ingest/, consumed by a
// Loader inside a db::Chunk (db/chunk.h), which owns what the string views
// point into and says how long each stays valid.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/stored_fields.h"

namespace jao::db {

// The seven application-statistic characteristics, in the schema spec's order.
enum class Characteristic : int {
  kAgeGroup = 0,
  kDisability,
  kEthnicGroup,
  kEthnicity,
  kGender,
  kReligion,
  kSexualOrientation,
};
inline constexpr int kNumCharacteristics = 7;

struct CharacteristicTables {
  std::string_view prefix;        // column prefix in the file: "age_group"
  std::string_view lookup_table;  // "application_statistics_agegroup"
  std::string_view
      statistic_table;         // "application_statistics_agegroupstatistic"
  std::string_view fk_column;  // "age_group_id"
};
const CharacteristicTables& TablesFor(Characteristic c);

struct StatisticValue {
  Characteristic characteristic;
  std::string_view group;      // cleaned group name, e.g. "25-34"
  int32_t percent_hundredths;  // 0 .. 10000, i.e. decimal(5,2) * 100
};

// Timestamps: microseconds since 1970-01-01 UTC. Decimals: exact hundredths.
struct VacancyRecord {
  int32_t id = 0;
  int64_t last_updated_us = 0;
  int64_t live_date_us = 0;
  int64_t closing_date_us = 0;
  std::optional<int64_t> min_salary_hundredths;
  std::optional<int64_t> max_salary_hundredths;
  // The text: valid until the chunk's text is released
  // (Chunk::ReleaseText), else while the chunk lives.
  std::optional<std::string_view> title;  // trimmed, non-empty
  std::optional<std::string_view> description;
  std::optional<std::string_view> summary;
  // These views, and StatisticValue::group, are valid while the chunk lives.
  std::optional<std::string_view> department;  // cleaned name
  std::vector<std::string_view> grades;        // cleaned, distinct
  std::vector<std::string_view> role_types;    // cleaned, distinct
  std::optional<int64_t> total_applications;
  std::vector<StatisticValue> statistics;  // one per (characteristic, group)
  int64_t file_row = 0;  // 0-based row index in the source file
  // The digests of the fields as stored (db/vacancy_digest.h), computed by
  // the chunk builder; empty when whoever built the record did not.
  std::optional<VacancyDigest> digest;
};

}  // namespace jao::db
