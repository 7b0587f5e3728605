// See postgres/record_copy.h. The field types are the ones
// postgres/copy_writer.h encodes; binary COPY does no conversions, so the final
// tables' columns must have exactly these types (postgres/direct_copy.h checks
// that before using them).
#include "db/postgres/record_copy.h"

#include <fmt/format.h>

#include <memory>
#include <vector>

#include "db/schema_check.h"

namespace jao::db::postgres {

Result<int32_t> LookupId(const DependencyCache& cache, schema::Lookup lookup,
                         std::string_view name) {
  const std::optional<int64_t> id = cache.Find(lookup, name);
  if (!id) {
    return Status::Internal(fmt::format("{} '{}' has no id in the cache",
                                        schema::TableOf(lookup).table, name));
  }
  return static_cast<int32_t>(*id);
}

const std::string& VacancyColumnList() {
  static const std::string kList = [] {
    std::vector<const target::Column*> columns;
    for (const target::Column& c : target::VacancyTable().columns) {
      columns.push_back(&c);
    }
    return target::QuotedNames(columns);
  }();
  return kList;
}

int16_t VacancyFieldCount() {
  return static_cast<int16_t>(target::VacancyTable().columns.size());
}

std::string_view BinaryCopyType(target::Kind kind) {
  using Family = LiveType::Family;
  switch (FamilyOf(kind)) {
    case Family::kInteger:
      return "integer";
    case Family::kBoolean:
      return "boolean";
    case Family::kDateTime:
      return "timestamp with time zone";
    case Family::kDecimal:
      return "numeric";
    case Family::kText:
    case Family::kOther:
      break;
  }
  return "text";
}

Status AddVacancyFields(CopyWriter& writer, const VacancyRecord& r,
                        const DependencyCache& cache) {
  using Type = target::RecordValue::Type;
  for (const target::Column& column : target::VacancyTable().columns) {
    const target::RecordValue value = column.from_record(r);
    switch (value.type) {
      case Type::kNull:
        writer.AddNull();
        break;
      case Type::kInteger:
        // Django's integer columns are int4; the transform keeps ids and
        // counts in its range.
        writer.AddInt4(static_cast<int32_t>(value.number));
        break;
      case Type::kBoolean:
        writer.AddBool(value.number != 0);
        break;
      case Type::kDateTime:
        writer.AddTimestamptz(value.number);
        break;
      case Type::kHundredths:
        writer.AddNumericHundredths(value.number);
        break;
      case Type::kText:
        writer.AddText(value.text);
        break;
      case Type::kLookupName: {
        const std::optional<schema::Lookup> lookup =
            schema::LookupOfTable(column.references);
        if (!lookup) {
          return Status::Internal(fmt::format(
              "{}.{} references {}, which is not a lookup table",
              target::VacancyTable().name, column.name, column.references));
        }
        ASSIGN_OR_RETURN(int32_t id, LookupId(cache, *lookup, value.text));
        writer.AddInt4(id);
        break;
      }
    }
  }
  return Status::Ok();
}

Status ForEachLink(const VacancyRecord& r, const DependencyCache& cache,
                   const std::function<void(schema::Lookup, int32_t)>& link) {
  for (schema::Lookup lookup :
       {schema::Lookup::kGrade, schema::Lookup::kRoleType}) {
    const auto& names =
        lookup == schema::Lookup::kGrade ? r.grades : r.role_types;
    for (std::string_view name : names) {
      ASSIGN_OR_RETURN(int32_t id, LookupId(cache, lookup, name));
      link(lookup, id);
    }
  }
  return Status::Ok();
}

Status ForEachStatistic(
    const VacancyRecord& r, const DependencyCache& cache,
    const std::function<void(const StatisticValue&, int32_t)>& statistic) {
  for (const StatisticValue& s : r.statistics) {
    ASSIGN_OR_RETURN(
        int32_t id,
        LookupId(cache, schema::LookupFor(s.characteristic), s.group));
    statistic(s, id);
  }
  return Status::Ok();
}

PgConnection::CopyPieces RecordPieces(
    const std::vector<const VacancyRecord*>& records, AddRecordTuple add,
    size_t piece_bytes) {
  struct State {
    CopyWriter writer;
    size_t next = 0;
  };
  auto state = std::make_shared<State>();
  return [&records, add = std::move(add), piece_bytes,
          state](std::string* piece) -> Result<bool> {
    while (state->next < records.size() &&
           state->writer.buffered_bytes() < piece_bytes) {
      RETURN_IF_ERROR(add(state->writer, *records[state->next]));
      ++state->next;
    }
    if (state->next < records.size()) {
      state->writer.TakeBytes(piece);
      return true;
    }
    *piece = std::move(state->writer).Finish();
    return false;
  };
}

}  // namespace jao::db::postgres
