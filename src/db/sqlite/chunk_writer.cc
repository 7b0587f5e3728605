// See sqlite/chunk_writer.h. Every statement is prepared once per connection
// (Connection::Cached) and every value is a bound parameter; the chunk's ids
// reach the one lookup query as a bound JSON array read by json_each.
#include "db/sqlite/chunk_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "common/decimal.h"
#include "common/timestamp.h"
#include "db/change_feed.h"
#include "db/newer_wins.h"
#include "db/sqlite/feed.h"
#include "db/sqlite/row_batch.h"
#include "db/target_schema.h"

namespace jao::db::sqlite {
namespace {

// Prefixes a failing status with the table it concerns, once.
#define RETURN_IF_ERROR_IN(table, expr)                                       \
  do {                                                                        \
    ::jao::Status jao_table_status_ = (expr);                                 \
    if (!jao_table_status_.ok()) return jao_table_status_.WithContext(table); \
  } while (0)

Status StepDone(Statement& statement) { return statement.Run(); }

Result<Statement*> Prepare(Connection& connection, std::string_view table,
                           const std::string& sql) {
  Result<Statement*> statement = connection.Cached(sql);
  if (!statement.ok()) return statement.status().WithContext(table);
  return statement;
}

// The one row's first column of a statement whose parameters are bound, or
// nothing when it returns no row; the statement is reset either way.
Result<std::optional<int64_t>> StepOneInt(Statement& statement,
                                          std::string_view table) {
  Result<bool> row = statement.Step();
  std::optional<int64_t> value;
  if (row.ok() && *row) value = statement.ColumnInt64(0);
  statement.Reset();
  if (!row.ok()) return row.status().WithContext(table);
  return value;
}

// Integers as a JSON array, the one parameter json_each reads a set from.
template <typename Range, typename Id>
std::string JsonIdArray(const Range& items, Id id_of) {
  std::string ids = "[";
  for (const auto& item : items) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(id_of(item));
  }
  return ids + ']';
}

// The stored versions of a chunk's ids.
const std::string& SelectPresentSql() {
  static const std::string kSql =
      fmt::format(R"(SELECT "id", "last_updated" FROM "{}" )"
                  R"(WHERE "id" IN (SELECT value FROM json_each(?)))",
                  schema::kVacancyTable);
  return kSql;
}

// The digest rows (change_feed.h) of the vacancies a chunk updates: read
// for those alone, not beside every stored version, because a later export
// skips most of its rows and each digest read is a random page of a table
// as long as the vacancy table.
const std::string& SelectDigestsSql() {
  static const std::string kSql = fmt::format(
      R"(SELECT "vacancy_id", "run_id", "digest", "before" FROM "{}" )"
      R"(WHERE "vacancy_id" IN (SELECT value FROM json_each(?)))",
      kDigestTable);
  return kSql;
}

// The per-table statements' text, formatted once rather than per row.
struct SqlText {
  std::array<std::string, schema::kNumLookups> insert_lookup;
  std::array<std::string, schema::kNumLookups> select_lookup;
  std::array<std::string, schema::kNumLookups> count_lookup_ids;
  // Links, then the seven statistic tables: (table, DELETE by vacancy_id).
  std::vector<std::pair<std::string_view, std::string>> delete_dependents;
};

SqlText BuildSqlText() {
  SqlText sql;
  for (int i = 0; i < schema::kNumLookups; ++i) {
    const schema::LookupTable& table =
        schema::TableOf(static_cast<schema::Lookup>(i));
    sql.insert_lookup[i] =
        fmt::format(R"(INSERT OR IGNORE INTO "{}" ("{}") VALUES (?))",
                    table.table, table.name_column);
    sql.select_lookup[i] =
        fmt::format(R"(SELECT "id" FROM "{}" WHERE "{}" = ?)", table.table,
                    table.name_column);
    sql.count_lookup_ids[i] = fmt::format(
        R"(SELECT count(*) FROM "{}" WHERE "id" IN (SELECT value FROM json_each(?)))",
        table.table);
  }
  std::vector<std::string_view> dependents = {schema::kVacancyGradeTable,
                                              schema::kVacancyRoleTypeTable};
  for (int i = 0; i < kNumCharacteristics; ++i) {
    const CharacteristicTables& names =
        TablesFor(static_cast<Characteristic>(i));
    dependents.push_back(names.statistic_table);
  }
  for (std::string_view table : dependents) {
    sql.delete_dependents.emplace_back(
        table,
        fmt::format(R"(DELETE FROM "{}" WHERE "vacancy_id" = ?)", table));
  }
  return sql;
}

const SqlText& Sql() {
  static const SqlText kSql = BuildSqlText();
  return kSql;
}

// One vacancy statement made from the declaration (target_schema.h), with
// the columns it binds in parameter order.
struct VacancyStatement {
  std::string sql;
  std::vector<const target::Column*> binds;
  std::vector<std::string> names;  // the binds' names, for messages
  // Per bind: the lookup a key's name is resolved in.
  std::vector<std::optional<schema::Lookup>> lookups;

  void Bind(const target::Column& column) {
    binds.push_back(&column);
    names.emplace_back(column.name);
    lookups.push_back(schema::LookupOfTable(column.references));
  }
};

// The INSERT binds every declared column; the UPDATE those an update
// writes, then the id of its WHERE.
struct VacancyStatements {
  VacancyStatement insert;
  VacancyStatement update;
};

VacancyStatements BuildVacancyStatements() {
  const target::Table& table = target::VacancyTable();
  const target::Column& id = table.columns.front();
  VacancyStatements s;
  std::vector<std::string> placeholders;
  std::vector<std::string> assignments;
  for (const target::Column& column : table.columns) {
    s.insert.Bind(column);
    placeholders.emplace_back("?");
    if (&column == &id || column.kept_on_update) continue;
    s.update.Bind(column);
    assignments.push_back(fmt::format(R"("{}" = ?)", column.name));
  }
  s.update.Bind(id);
  s.insert.sql = fmt::format(R"(INSERT INTO "{}" ({}) VALUES ({}))", table.name,
                             target::QuotedNames(s.insert.binds),
                             fmt::join(placeholders, ", "));
  s.update.sql = fmt::format(R"(UPDATE "{}" SET {} WHERE "{}" = ?)", table.name,
                             fmt::join(assignments, ", "), id.name);
  return s;
}

const VacancyStatements& VacancySql() {
  static const VacancyStatements kStatements = BuildVacancyStatements();
  return kStatements;
}

// decimal(5,2) as the number SQLite stores when Django writes its text
// ("12.50") into a `decimal` (NUMERIC affinity) column: INTEGER when whole,
// else the REAL nearest to the text, which is the correctly rounded
// hundredths / 100.0 (checked for every decimal(5,2) value against SQLite's
// own parse of the text in sqlite/row_batch_test.cc). Binding the number
// saves formatting it and SQLite parsing it back, 5 million times a 100k
// file.
Status AddPercent(RowBatch& batch, int32_t hundredths) {
  if (hundredths < -99'999 || hundredths > 99'999) {
    return Status::Internal(fmt::format(
        "percent_applications {} hundredths is outside decimal(5,2)",
        hundredths));
  }
  if (hundredths % 100 == 0) {
    batch.Int(hundredths / 100);
  } else {
    batch.Real(hundredths / 100.0);
  }
  return Status::Ok();
}

}  // namespace

Result<LoadCounts> ChunkWriter::Write(Chunk& chunk) {
  // Before any statement: the vacancy rows below bind the text.
  chunk.CheckTextReadable();
  LoadCounts counts;
  for (std::string_view table : schema::AllTables()) counts[std::string(table)];
  ASSIGN_OR_RETURN(auto present, FindPresent(chunk));

  // Table by table and in id order, not record by record: each table's
  // B-tree pages stay in the page cache while its rows go in, instead of
  // eleven tables taking turns to evict each other (measured: about twice
  // the page reads and writes when interleaved).
  std::vector<const VacancyRecord*> by_id;
  for (const VacancyRecord& record : chunk.records) by_id.push_back(&record);
  std::sort(by_id.begin(), by_id.end(),
            [](const VacancyRecord* a, const VacancyRecord* b) {
              return a->id < b->id;
            });
  // Built whole before any row is bound: statements bind its text without
  // copying it, so the strings must not move.
  Records written;
  written.reserve(by_id.size());
  std::vector<const VacancyRecord*> written_records;
  int64_t skipped = 0;
  std::vector<const VacancyRecord*> kept;
  kept.reserve(by_id.size());
  std::vector<int32_t> updated_ids;
  for (const VacancyRecord* record : by_id) {
    auto it = present.find(record->id);
    const bool update = it != present.end();
    if (update &&
        !Supersedes(record->last_updated_us, it->second.last_updated_us)) {
      ++skipped;
      continue;
    }
    kept.push_back(record);
    if (update) updated_ids.push_back(record->id);
  }
  // A first load's vacancies were all inserted by its run: nothing stored
  // to compare with.
  if (first_load_ == nullptr) {
    RETURN_IF_ERROR(ReadDigests(updated_ids, present));
  }
  for (const VacancyRecord* record : kept) {
    auto it = present.find(record->id);
    const bool update = it != present.end();
    const VacancyDigest digest = DigestFor(*record);
    Written w{
        record,
        FormatSqliteDatetime(record->last_updated_us),
        update,
        PlanFeedWrite(run_id_, update, update ? it->second.last_updated_us : 0,
                      update ? it->second.digest : std::nullopt, digest),
        EncodeDigest(digest),
        std::nullopt};
    if (w.feed.before) w.before = EncodeDigest(*w.feed.before);
    written.push_back(std::move(w));
    written_records.push_back(record);
  }
  counts[std::string(schema::kVacancyTable)].skipped = skipped;
  const NamesByLookup names = DependencyCache::NamesNeeded(written_records);
  RETURN_IF_ERROR(CreateMissingLookups(names, counts));
  RETURN_IF_ERROR(CheckLookupsStillPresent(names));

  RETURN_IF_ERROR(WriteVacancies(written, counts));
  RETURN_IF_ERROR(WriteChanges(written));
  // Nothing below reads a title, description or summary.
  chunk.VacanciesWritten();
  RETURN_IF_ERROR(DeleteDependents(written, counts));
  RETURN_IF_ERROR(InsertLinks(written, schema::Lookup::kGrade,
                              schema::kVacancyGradeTable, "grade_id", counts));
  RETURN_IF_ERROR(InsertLinks(written, schema::Lookup::kRoleType,
                              schema::kVacancyRoleTypeTable, "role_type_id",
                              counts));
  RETURN_IF_ERROR(InsertStatistics(written, counts));
  RETURN_IF_ERROR(WriteVacancyStatistics(written, counts));
  return counts;
}

Result<LoadCounts> WriteChunk(Connection& connection, Chunk& chunk,
                              DependencyCache& cache, int64_t run_id,
                              FirstLoadIds* first_load) {
  return ChunkWriter(connection, cache, run_id, first_load).Write(chunk);
}

Result<std::unordered_map<int32_t, ChunkWriter::Present>>
ChunkWriter::FindPresent(const Chunk& chunk) {
  std::vector<int32_t> asked;
  asked.reserve(chunk.records.size());
  for (const VacancyRecord& record : chunk.records) {
    if (first_load_ == nullptr || first_load_->MayContain(record.id)) {
      asked.push_back(record.id);
    }
  }
  std::unordered_map<int32_t, Present> present;
  if (asked.empty()) return present;
  const std::string ids =
      JsonIdArray(asked, [](int32_t id) { return static_cast<int64_t>(id); });
  ASSIGN_OR_RETURN(
      Statement * select,
      Prepare(connection_, schema::kVacancyTable, SelectPresentSql()));
  select->BindText(1, ids);
  while (true) {
    Result<bool> row = select->Step();
    if (!row.ok()) return row.status().WithContext(schema::kVacancyTable);
    if (!*row) break;
    const int64_t id = select->ColumnInt64(0);
    Result<int64_t> stored = ParseStoredDatetime(select->ColumnText(1));
    if (!stored.ok()) {
      Status status = Status::Database(fmt::format(
          "stored last_updated of id {}: {}", id, stored.status().message()));
      select->Reset();
      return status.WithContext(schema::kVacancyTable);
    }
    present.emplace(static_cast<int32_t>(id), Present{*stored, std::nullopt});
  }
  select->Reset();
  return present;
}

Status ChunkWriter::ReadDigests(const std::vector<int32_t>& ids,
                                std::unordered_map<int32_t, Present>& present) {
  if (ids.empty()) return Status::Ok();
  const std::string json =
      JsonIdArray(ids, [](int32_t id) { return static_cast<int64_t>(id); });
  ASSIGN_OR_RETURN(Statement * select,
                   Prepare(connection_, kDigestTable, SelectDigestsSql()));
  select->BindText(1, json);
  Status status = select->EachRow([&] {
    auto it = present.find(static_cast<int32_t>(select->ColumnInt64(0)));
    if (it == present.end()) return;
    it->second.digest = StoredDigest{select->ColumnInt64(1),
                                     DecodeDigest(select->ColumnBlob(2)),
                                     DecodeDigest(select->ColumnBlob(3))};
  });
  return status.WithContext(kDigestTable);
}

Status ChunkWriter::CreateMissingLookups(const NamesByLookup& names,
                                         LoadCounts& counts) {
  for (int i = 0; i < schema::kNumLookups; ++i) {
    const auto lookup = static_cast<schema::Lookup>(i);
    for (std::string_view name : cache_.Missing(lookup, names[i])) {
      ASSIGN_OR_RETURN(int64_t id, CreateLookup(lookup, name, counts));
      cache_.Add(lookup, name, id);
    }
  }
  return Status::Ok();
}

// INSERT OR IGNORE then, when the name was already there (a previous run, or
// another writer), a SELECT of its id: one round trip each, inside the chunk's
// transaction, before any row points at the name.
Result<int64_t> ChunkWriter::CreateLookup(schema::Lookup lookup,
                                          std::string_view name,
                                          LoadCounts& counts) {
  const schema::LookupTable& table = schema::TableOf(lookup);
  ASSIGN_OR_RETURN(Statement * insert,
                   Prepare(connection_, table.table,
                           Sql().insert_lookup[static_cast<int>(lookup)]));
  insert->BindText(1, name);
  RETURN_IF_ERROR_IN(table.table, StepDone(*insert));
  if (connection_.Changes() == 1) {
    counts[std::string(table.table)].inserted++;
    return connection_.LastInsertRowid();
  }
  ASSIGN_OR_RETURN(Statement * select,
                   Prepare(connection_, table.table,
                           Sql().select_lookup[static_cast<int>(lookup)]));
  select->BindText(1, name);
  ASSIGN_OR_RETURN(std::optional<int64_t> id, StepOneInt(*select, table.table));
  if (!id) {
    return Status::Database(fmt::format(
        "{}: '{}' was neither inserted nor found", table.table, name));
  }
  return *id;
}

// The cache outlives transactions: a name cached in an earlier chunk may have
// been deleted since by another writer. One query per lookup table finds
// that before any row points at it (foreign keys are not enforced per row).
Status ChunkWriter::CheckLookupsStillPresent(const NamesByLookup& names) {
  for (int i = 0; i < schema::kNumLookups; ++i) {
    if (names[i].empty()) continue;
    const auto lookup = static_cast<schema::Lookup>(i);
    const schema::LookupTable& table = schema::TableOf(lookup);
    ASSIGN_OR_RETURN(Statement * count,
                     Prepare(connection_, table.table,
                             Sql().count_lookup_ids[static_cast<int>(lookup)]));
    count->BindText(1, JsonIdArray(names[i], [&](std::string_view name) {
                      return IdOf(lookup, name);
                    }));
    ASSIGN_OR_RETURN(std::optional<int64_t> counted,
                     StepOneInt(*count, table.table));
    const int64_t found = counted.value_or(0);
    const auto wanted = static_cast<int64_t>(names[i].size());
    if (found != wanted) {
      return Status::Database(fmt::format(
          "{}: {} of the {} names this chunk uses were deleted by another "
          "writer during the run; nothing of the chunk was written, run the "
          "ingest again",
          table.table, wanted - found, wanted));
    }
  }
  return Status::Ok();
}

int64_t ChunkWriter::IdOf(schema::Lookup lookup, std::string_view name) const {
  // CreateMissingLookups ran for every name of every written record.
  return *cache_.Find(lookup, name);
}

// New vacancies first, then the updated ones, each group in id order.
Status ChunkWriter::WriteVacancies(const Records& written, LoadCounts& counts) {
  TableCounts& table_counts = counts[std::string(schema::kVacancyTable)];
  for (bool update : {false, true}) {
    for (const Written& vacancy : written) {
      if (vacancy.present != update) continue;
      RETURN_IF_ERROR_IN(schema::kVacancyTable, WriteVacancy(vacancy));
      ++(update ? table_counts.updated : table_counts.inserted);
    }
  }
  return Status::Ok();
}

Status ChunkWriter::WriteChanges(const Records& written) {
  std::vector<WrittenVacancy> changes;
  changes.reserve(written.size());
  for (const Written& w : written) {
    changes.push_back(
        {w.record->id, w.present, &w.feed, w.last_updated, w.digest, w.before});
  }
  if (first_load_ != nullptr) {
    for (const Written& w : written) first_load_->Add(w.record->id);
    return StageFirstLoadWrites(connection_, changes);
  }
  return RecordWrites(connection_, run_id_, changes);
}

Status ChunkWriter::WriteVacancy(const Written& vacancy) {
  const VacancyStatement& sql =
      vacancy.present ? VacancySql().update : VacancySql().insert;
  ASSIGN_OR_RETURN(Statement * statement,
                   connection_.Cached(sql.sql, sql.names));
  for (size_t i = 0; i < sql.binds.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const target::RecordValue value =
        sql.binds[i]->from_record(*vacancy.record);
    using Type = target::RecordValue::Type;
    switch (value.type) {
      case Type::kNull:
        statement->BindNull(index);
        break;
      case Type::kInteger:
      case Type::kBoolean:
        statement->BindInt64(index, value.number);
        break;
      case Type::kDateTime:
        statement->BindText(index, FormatSqliteDatetime(value.number));
        break;
      case Type::kHundredths:
        // Text, as Django writes a Decimal: decimal(10,2)'s range was not
        // checked number by number against SQLite's parse (AddPercent).
        statement->BindText(index, FormatHundredths(value.number));
        break;
      case Type::kText:
        // The chunk's text lives until the step below.
        statement->BindStaticText(index, value.text);
        break;
      case Type::kLookupName:
        if (!sql.lookups[i]) {
          return Status::Internal(fmt::format(
              "{}.{} references {}, which is not a lookup table",
              schema::kVacancyTable, sql.names[i], sql.binds[i]->references));
        }
        statement->BindInt64(index, IdOf(*sql.lookups[i], value.text));
        break;
    }
  }
  return StepDone(*statement);
}

Status ChunkWriter::DeleteDependents(const Records& written,
                                     LoadCounts& counts) {
  for (const auto& [table, sql] : Sql().delete_dependents) {
    Statement* erase = nullptr;
    int64_t deleted = 0;
    for (const Written& vacancy : written) {
      if (!vacancy.present) continue;
      if (erase == nullptr) {
        ASSIGN_OR_RETURN(erase, Prepare(connection_, table, sql));
      }
      erase->BindInt64(1, vacancy.record->id);
      RETURN_IF_ERROR_IN(table, StepDone(*erase));
      deleted += connection_.Changes();
    }
    counts[std::string(table)].deleted += deleted;
  }
  return Status::Ok();
}

Status ChunkWriter::InsertLinks(const Records& written, schema::Lookup lookup,
                                std::string_view table, std::string_view column,
                                LoadCounts& counts) {
  RowBatch batch(connection_, table, {"vacancy_id", std::string(column)});
  int64_t inserted = 0;
  for (const Written& vacancy : written) {
    const VacancyRecord& record = *vacancy.record;
    const auto& names =
        lookup == schema::Lookup::kGrade ? record.grades : record.role_types;
    for (std::string_view name : names) {
      batch.Int(record.id).Int(IdOf(lookup, name));
      RETURN_IF_ERROR(batch.EndRow());
      ++inserted;
    }
  }
  RETURN_IF_ERROR(batch.Flush());
  counts[std::string(table)].inserted += inserted;
  return Status::Ok();
}

// One pass per statistic table, so each table's rows go in together.
Status ChunkWriter::InsertStatistics(const Records& written,
                                     LoadCounts& counts) {
  for (int i = 0; i < kNumCharacteristics; ++i) {
    const auto characteristic = static_cast<Characteristic>(i);
    const CharacteristicTables& names = TablesFor(characteristic);
    const schema::Lookup lookup = schema::LookupFor(characteristic);
    RowBatch batch(connection_, names.statistic_table,
                   {"vacancy_id", std::string(names.fk_column),
                    "percent_applications", "updated_at"});
    int64_t inserted = 0;
    for (const Written& vacancy : written) {
      for (const StatisticValue& statistic : vacancy.record->statistics) {
        if (statistic.characteristic != characteristic) continue;
        batch.Int(vacancy.record->id).Int(IdOf(lookup, statistic.group));
        RETURN_IF_ERROR_IN(names.statistic_table,
                           AddPercent(batch, statistic.percent_hundredths));
        batch.StaticText(vacancy.last_updated);
        RETURN_IF_ERROR(batch.EndRow());
        ++inserted;
      }
    }
    RETURN_IF_ERROR(batch.Flush());
    counts[std::string(names.statistic_table)].inserted += inserted;
  }
  return Status::Ok();
}

// The app's one-to-one row: updated in place for a stored vacancy (inserted
// when something else left it without one), inserted for a new one.
Status ChunkWriter::WriteVacancyStatistics(const Records& written,
                                           LoadCounts& counts) {
  RowBatch batch(connection_, schema::kVacancyStatisticTable,
                 {"vacancy_id", "total_applications", "updated_at"});
  TableCounts& table_counts =
      counts[std::string(schema::kVacancyStatisticTable)];
  for (const Written& vacancy : written) {
    if (vacancy.present) {
      ASSIGN_OR_RETURN(bool updated, UpdateVacancyStatistic(vacancy));
      if (updated) {
        ++table_counts.updated;
        continue;
      }
    }
    const VacancyRecord& record = *vacancy.record;
    batch.Int(record.id);
    if (record.total_applications) {
      batch.Int(*record.total_applications);
    } else {
      batch.Null();
    }
    batch.StaticText(vacancy.last_updated);
    RETURN_IF_ERROR(batch.EndRow());
    ++table_counts.inserted;
  }
  return batch.Flush();
}

// Whether the vacancy had a row to update.
Result<bool> ChunkWriter::UpdateVacancyStatistic(const Written& vacancy) {
  static const std::string kSql = fmt::format(
      R"(UPDATE "{}" SET "total_applications" = ?, "updated_at" = ? WHERE "vacancy_id" = ?)",
      schema::kVacancyStatisticTable);
  ASSIGN_OR_RETURN(Statement * update,
                   Prepare(connection_, schema::kVacancyStatisticTable, kSql));
  const VacancyRecord& record = *vacancy.record;
  if (record.total_applications) {
    update->BindInt64(1, *record.total_applications);
  } else {
    update->BindNull(1);
  }
  update->BindStaticText(2, vacancy.last_updated).BindInt64(3, record.id);
  RETURN_IF_ERROR_IN(schema::kVacancyStatisticTable, StepDone(*update));
  return connection_.Changes() != 0;
}

}  // namespace jao::db::sqlite

#undef RETURN_IF_ERROR_IN
