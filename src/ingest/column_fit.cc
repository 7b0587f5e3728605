// See column_fit.h. Lengths count characters (code points), as PostgreSQL's
// varchar(n) does; decimals count the digits before the point, the part a
// numeric(p, s) with the declaration's scale can lose.
#include "ingest/column_fit.h"

#include <fmt/format.h>

#include <cstdlib>

#include "db/schema_names.h"

namespace jao::ingest {
namespace {

using Kind = db::ColumnLimit::Kind;

int64_t Characters(std::string_view text) {
  int64_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// Digits before the point of a value in hundredths (0 has one).
int64_t IntegerDigits(int64_t hundredths) {
  uint64_t whole = static_cast<uint64_t>(std::llabs(hundredths / 100));
  int64_t digits = 1;
  while (whole >= 10) {
    whole /= 10;
    ++digits;
  }
  return digits;
}

// The reason a value breaks `limit`, or "" when it fits.
std::string Breach(const db::ColumnLimit& limit, int64_t measure) {
  const std::string where =
      fmt::format("{}.{} is {} in the database", limit.table, limit.column,
                  limit.type_text);
  switch (limit.kind) {
    case Kind::kChars:
      if (measure <= limit.value) return {};
      return fmt::format("{} characters; {}", measure, where);
    case Kind::kDigits:
      if (measure <= limit.value) return {};
      return fmt::format("{} digits before the point; {}", measure, where);
    case Kind::kMaxInteger:
      if (measure <= limit.value) return {};
      return fmt::format("{} is above {}; {}", measure, limit.value, where);
  }
  return {};
}

}  // namespace

ColumnFit::ColumnFit(const std::vector<db::ColumnLimit>& limits) {
  for (const db::ColumnLimit& limit : limits) {
    FieldCheck check;
    check.limit = limit;
    const std::string_view table = limit.table;
    const std::string_view column = limit.column;
    if (table == db::schema::kVacancyTable) {
      // The mapping's field of the same target name says which cell a
      // rejection quotes.
      check.vacancy_column = db::target::VacancyTable().Find(column);
      check.field = FieldOfTarget(column);
      if (check.vacancy_column == nullptr) check.field.reset();
    } else if (table == db::schema::kVacancyStatisticTable) {
      if (column == "total_applications") {
        check.field = Field::kTotalApplications;
      }
    } else if (table == db::schema::kDepartmentTable) {
      check.field = Field::kDepartment;
    } else if (table == db::schema::kGradeTable) {
      check.field = Field::kGrades;
    } else if (table == db::schema::kRoleTypeTable) {
      check.field = Field::kRoleTypes;
    }
    bool statistic = false;
    for (int i = 0; i < db::kNumCharacteristics; ++i) {
      const auto c = static_cast<db::Characteristic>(i);
      const db::CharacteristicTables& names = db::TablesFor(c);
      if (table == names.lookup_table || table == names.statistic_table) {
        statistic = true;
        check.characteristic = c;
        check.group_names = table == names.lookup_table;
      }
    }
    if (check.field || statistic) checks_.push_back(std::move(check));
  }
}

std::optional<ColumnFit::Misfit> ColumnFit::Check(
    const db::VacancyRecord& record) const {
  for (const FieldCheck& check : checks_) {
    if (std::optional<Misfit> misfit = CheckOne(check, record)) return misfit;
  }
  return std::nullopt;
}

std::optional<ColumnFit::Misfit> ColumnFit::CheckOne(
    const FieldCheck& check, const db::VacancyRecord& record) const {
  const db::ColumnLimit& limit = check.limit;
  auto misfit = [&](int64_t measure) -> std::optional<Misfit> {
    std::string reason = Breach(limit, measure);
    if (reason.empty()) return std::nullopt;
    return Misfit{check.field, check.characteristic, {}, std::move(reason)};
  };
  auto text = [&](const std::optional<std::string_view>& value) {
    return value ? misfit(Characters(*value)) : std::nullopt;
  };
  auto names = [&](const std::vector<std::string_view>& values) {
    for (std::string_view value : values) {
      if (auto m = misfit(Characters(value))) return m;
    }
    return std::optional<Misfit>();
  };
  if (!check.field) {
    for (const db::StatisticValue& value : record.statistics) {
      if (value.characteristic != check.characteristic) continue;
      std::optional<Misfit> m =
          check.group_names ? misfit(Characters(value.group))
                            : misfit(IntegerDigits(value.percent_hundredths));
      if (m) {
        m->group = value.group;
        return m;
      }
    }
    return std::nullopt;
  }
  if (check.vacancy_column != nullptr) {
    using Type = db::target::RecordValue::Type;
    const db::target::RecordValue value =
        check.vacancy_column->from_record(record);
    switch (value.type) {
      case Type::kText:
        return misfit(Characters(value.text));
      case Type::kHundredths:
        return misfit(IntegerDigits(value.number));
      case Type::kInteger:
        return misfit(value.number);
      case Type::kNull:
      case Type::kBoolean:
      case Type::kDateTime:
      case Type::kLookupName:  // its limit is the lookup table's
        return std::nullopt;
    }
    return std::nullopt;
  }
  switch (*check.field) {
    case Field::kTotalApplications:
      return record.total_applications ? misfit(*record.total_applications)
                                       : std::nullopt;
    case Field::kDepartment:
      return text(record.department);
    case Field::kGrades:
      return names(record.grades);
    case Field::kRoleTypes:
      return names(record.role_types);
    default:
      return std::nullopt;
  }
}

}  // namespace jao::ingest
