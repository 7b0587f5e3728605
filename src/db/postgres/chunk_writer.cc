// See postgres/chunk_writer.h. Order of a chunk:
//  1. read the stored versions of the chunk's ids, unlocked, and skip the
//     records not strictly newer (never locked, never sent); lock the
//     others' stored vacancies (FOR UPDATE, in id order) and compare again
//     under the lock; then the digest rows of the updates
//     (jao_ingest_digest), with which their digests and feed plans are made
//     (vacancy_digest.h) while their text is still readable;
//  2. create missing names: INSERT ... ON CONFLICT DO NOTHING then SELECT,
//     sorted, so two loaders creating the same names wait instead of failing;
//     without foreign-key triggers, check and lock the cached ids;
//  3. COPY the vacancies not stored, with their links and statistics,
//     straight into the final tables (postgres/direct_copy.h); one inserted by
//     another loader since step 1 fails the COPY with unique_violation and
//     the caller runs the chunk again, when step 1 sees it;
//  4. COPY the updates (stored, strictly older) into staging tables and
//     upsert them with the newer-wins rule (newer_wins.h) in the ON
//     CONFLICT clause, remembering which were inserted and which updated;
//  5. delete the links and statistics of updated vacancies, insert the new
//     ones, upsert vacancystatistic;
//  6. record the vacancies written in the change feed: their digest rows
//     (jao_ingest_digest) and, with a run, their jao_ingest_change lines,
//     from the plans step 1 made with the digests it read beside the
//     stored versions (postgres/feed.h RecordWrites);
//  7. keep an id sequence, if the table has one, ahead of the explicit ids.
// Without direct COPY (final tables of other column types) every candidate
// takes steps 4 and 5, where ON CONFLICT resolves concurrent inserts.
#include "db/postgres/chunk_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/newer_wins.h"
#include "db/postgres/direct_copy.h"
#include "db/postgres/feed.h"
#include "db/postgres/record_copy.h"
#include "db/postgres/reference_check.h"
#include "db/postgres/staging.h"
#include "db/schema_names.h"
#include "db/target_schema.h"
#include "db/vacancy_digest.h"

namespace jao::db::postgres {
namespace {

TableCounts& CountsOf(LoadCounts& counts, std::string_view table) {
  return counts[std::string(table)];
}

// The records of a chunk to write, in id order, and what the change feed
// will record of each (planned before any text is sent).
struct Candidates {
  std::vector<const VacancyRecord*> all;
  std::vector<const VacancyRecord*> fresh;    // not stored
  std::vector<const VacancyRecord*> updates;  // stored and strictly older
  std::vector<PlannedWrite> feed;             // in the order of `all`
};

// A bytea column read as encode(..., 'hex'): its bytes, nullopt when NULL
// or not hex (DecodeDigest then finds nothing known).
std::optional<std::string> HexColumn(const PgResult& result, int row,
                                     int column) {
  if (result.IsNull(row, column)) return std::nullopt;
  const std::string_view hex = result.Text(row, column);
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string bytes(hex.size() / 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    int value = 0;
    for (char c : hex.substr(2 * i, 2)) {
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    bytes[i] = static_cast<char>(value);
  }
  return bytes;
}

std::optional<VacancyDigest> DigestColumn(const PgResult& result, int row,
                                          int column) {
  const std::optional<std::string> bytes = HexColumn(result, row, column);
  return bytes ? DecodeDigest(*bytes) : std::nullopt;
}

// A stored vacancy as step 1 finds it: its version and its digest row.
struct Stored {
  int64_t last_updated_us = 0;
  std::optional<StoredDigest> digest;
};

// The digest rows of `ids`, read once their vacancies are locked: by a
// statement of its own, whose snapshot is taken after the lock waits. The
// locking statement itself would not do: when it waits on another loader's
// lock, it rereads the locked row as that loader committed it but a joined
// row as its own snapshot held it, before that loader's write.
Status ReadDigests(PgConnection& connection, const std::vector<int32_t>& ids,
                   std::unordered_map<int32_t, Stored>& found) {
  if (ids.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(
      PgResult rows,
      connection.ExecParams(
          fmt::format("SELECT vacancy_id, run_id, encode(digest, 'hex'), "
                      "encode(before, 'hex') FROM \"{}\" WHERE vacancy_id = "
                      "ANY($1::int4[])",
                      kDigestTable),
          {IntArrayLiteral(ids)}));
  for (int row = 0; row < rows.rows(); ++row) {
    ASSIGN_OR_RETURN(int64_t id, rows.Int(row, 0));
    ASSIGN_OR_RETURN(int64_t run_id, rows.Int(row, 1));
    found[static_cast<int32_t>(id)].digest = StoredDigest{
        run_id, DigestColumn(rows, row, 2), DigestColumn(rows, row, 3)};
  }
  return Status::Ok();
}

// The stored versions of `records`' ids, locked (FOR UPDATE, in id order)
// when `lock`.
Result<std::unordered_map<int32_t, Stored>> StoredVersions(
    PgConnection& connection, const std::vector<const VacancyRecord*>& records,
    bool lock) {
  std::unordered_map<int32_t, Stored> found;
  if (records.empty()) return found;
  std::vector<int32_t> ids;
  ids.reserve(records.size());
  for (const VacancyRecord* r : records) ids.push_back(r->id);
  ASSIGN_OR_RETURN(
      PgResult stored,
      connection.ExecParams(
          fmt::format("SELECT id, (extract(epoch FROM last_updated) * 1000000)"
                      "::int8 FROM \"{}\" WHERE id = ANY($1::int4[]){}",
                      schema::kVacancyTable,
                      lock ? " ORDER BY id FOR UPDATE" : ""),
          {IntArrayLiteral(ids)}));
  for (int row = 0; row < stored.rows(); ++row) {
    ASSIGN_OR_RETURN(int64_t id, stored.Int(row, 0));
    ASSIGN_OR_RETURN(found[static_cast<int32_t>(id)].last_updated_us,
                     stored.Int(row, 1));
  }
  return found;
}

// Step 1: returns the records to write, each with its feed plan for run
// `run_id`; counts the others as skipped. Locks the stored vacancies it may
// write, not their digest rows: every write of a digest row holds its
// vacancy's lock (or, for a new vacancy, follows its insert, which waits on
// any other).
Result<Candidates> NewerThanStored(
    PgConnection& connection, const std::vector<const VacancyRecord*>& records,
    int64_t run_id, LoadCounts& counts) {
  // Read without a lock first: a record the database already holds at its
  // version or newer is skipped then and never locked. Safe, because a
  // stored version only grows (every writer writes strictly newer ones), so
  // no later state could make the record newer. Locking it would write a
  // lock into its row (WAL, and a whole page image after a checkpoint) for
  // a record that is not written, and a later export skips most of its
  // records.
  ASSIGN_OR_RETURN(auto seen, StoredVersions(connection, records, false));
  std::vector<const VacancyRecord*> maybe_newer;
  maybe_newer.reserve(records.size());
  for (const VacancyRecord* r : records) {
    const auto it = seen.find(r->id);
    if (it != seen.end() &&
        !Supersedes(r->last_updated_us, it->second.last_updated_us)) {
      CountsOf(counts, schema::kVacancyTable).skipped++;
      continue;
    }
    maybe_newer.push_back(r);
  }
  // The others against their versions under the lock, which another
  // loader may have moved since.
  ASSIGN_OR_RETURN(auto found, StoredVersions(connection, maybe_newer, true));
  Candidates candidates;
  for (const VacancyRecord* r : maybe_newer) {
    const auto it = found.find(r->id);
    if (it == found.end()) {
      candidates.fresh.push_back(r);
    } else if (Supersedes(r->last_updated_us, it->second.last_updated_us)) {
      candidates.updates.push_back(r);
    } else {
      CountsOf(counts, schema::kVacancyTable).skipped++;
      continue;
    }
    candidates.all.push_back(r);
  }
  // Only the updates are compared with a digest.
  std::vector<int32_t> updated_ids;
  updated_ids.reserve(candidates.updates.size());
  for (const VacancyRecord* r : candidates.updates)
    updated_ids.push_back(r->id);
  RETURN_IF_ERROR(ReadDigests(connection, updated_ids, found));
  candidates.feed.reserve(candidates.all.size());
  for (const VacancyRecord* r : candidates.all) {
    const auto it = found.find(r->id);
    const bool present = it != found.end();
    const VacancyDigest digest = DigestFor(*r);
    PlannedWrite write;
    write.id = r->id;
    write.present = present;
    write.plan =
        PlanFeedWrite(run_id, present, present ? it->second.last_updated_us : 0,
                      present ? it->second.digest : std::nullopt, digest);
    write.last_updated_us = r->last_updated_us;
    write.digest = EncodeDigest(digest);
    candidates.feed.push_back(std::move(write));
  }
  return candidates;
}

// Step 2.
Status ResolveNames(PgConnection& connection,
                    const std::vector<const VacancyRecord*>& records,
                    DependencyCache& cache, LoadCounts& counts) {
  const NamesByLookup needed = DependencyCache::NamesNeeded(records);
  for (int i = 0; i < schema::kNumLookups; ++i) {
    const auto lookup = static_cast<schema::Lookup>(i);
    std::vector<std::string_view> missing = cache.Missing(lookup, needed[i]);
    if (missing.empty()) continue;
    std::sort(missing.begin(), missing.end());
    const schema::LookupTable& table = schema::TableOf(lookup);
    const std::string names = ArrayLiteral(missing);
    ASSIGN_OR_RETURN(
        PgResult inserted,
        connection.ExecParams(
            fmt::format(
                "INSERT INTO \"{0}\" (\"{1}\") SELECT unnest($1::text[]) "
                "ON CONFLICT (\"{1}\") DO NOTHING",
                table.table, table.name_column),
            {names}));
    CountsOf(counts, table.table).inserted += inserted.AffectedRows();
    ASSIGN_OR_RETURN(
        PgResult found,
        connection.ExecParams(fmt::format("SELECT id, \"{1}\" FROM \"{0}\" "
                                          "WHERE \"{1}\" = ANY($1::text[])",
                                          table.table, table.name_column),
                              {names}));
    for (int row = 0; row < found.rows(); ++row) {
      ASSIGN_OR_RETURN(int64_t id, found.Int(row, 0));
      cache.Add(lookup, found.Text(row, 1), id);
    }
  }
  return Status::Ok();
}

// The upsert's SET list: every declared vacancy column an update writes
// (not the id, not one kept on update) from the staged row.
const std::string& UpdateAssignments() {
  static const std::string kAssignments = [] {
    std::vector<std::string> assignments;
    const target::Table& table = target::VacancyTable();
    for (const target::Column& column : table.columns.subspan(1)) {
      if (column.kept_on_update) continue;
      assignments.push_back(
          fmt::format(R"("{0}" = EXCLUDED."{0}")", column.name));
    }
    return fmt::format("{}", fmt::join(assignments, ", "));
  }();
  return kAssignments;
}

// Step 4: fills jao_stage_written and counts inserted / updated / skipped.
Status UpsertVacancies(PgConnection& connection, int64_t staged,
                       LoadCounts& counts) {
  RETURN_IF_ERROR(
      connection
          .Exec(fmt::format(
              "WITH w AS (INSERT INTO \"{0}\" ({3}) SELECT {3} FROM {1} "
              "ORDER BY id "
              "ON CONFLICT (id) DO UPDATE SET {5} "
              "WHERE {4} "
              "RETURNING id, (xmax = 0) AS inserted) "
              "INSERT INTO {2} SELECT id, inserted FROM w",
              schema::kVacancyTable, kStageVacancy, kStageWritten,
              VacancyColumnList(),
              SupersedesSql("EXCLUDED",
                            fmt::format("\"{}\"", schema::kVacancyTable)),
              UpdateAssignments()))
          .status());
  ASSIGN_OR_RETURN(PgResult written,
                   connection.Exec(fmt::format(
                       "SELECT count(*) FILTER (WHERE inserted), "
                       "count(*) FILTER (WHERE NOT inserted) FROM {}",
                       kStageWritten)));
  TableCounts& vacancy = CountsOf(counts, schema::kVacancyTable);
  ASSIGN_OR_RETURN(int64_t inserted, written.Int(0, 0));
  ASSIGN_OR_RETURN(int64_t updated, written.Int(0, 1));
  vacancy.inserted += inserted;
  vacancy.updated += updated;
  vacancy.skipped += staged - inserted - updated;
  return Status::Ok();
}

// Step 5, one link or statistic table: old rows of updated vacancies out,
// staged rows of written vacancies in.
Status ReplaceChildren(PgConnection& connection, std::string_view table,
                       std::string_view insert_sql, LoadCounts& counts) {
  ASSIGN_OR_RETURN(
      PgResult deleted,
      connection.Exec(fmt::format("DELETE FROM \"{}\" t USING {} w WHERE "
                                  "t.vacancy_id = w.id AND NOT w.inserted",
                                  table, kStageWritten)));
  ASSIGN_OR_RETURN(PgResult inserted, connection.Exec(insert_sql));
  TableCounts& c = CountsOf(counts, table);
  c.deleted += deleted.AffectedRows();
  c.inserted += inserted.AffectedRows();
  return Status::Ok();
}

Status WriteChildren(PgConnection& connection, LoadCounts& counts) {
  const struct {
    std::string_view table;
    std::string_view column;
    int kind;
  } kLinks[] = {{schema::kVacancyGradeTable, "grade_id", kLinkGrade},
                {schema::kVacancyRoleTypeTable, "role_type_id", kLinkRoleType}};
  for (const auto& link : kLinks) {
    RETURN_IF_ERROR(ReplaceChildren(
        connection, link.table,
        fmt::format("INSERT INTO \"{}\" (vacancy_id, \"{}\") SELECT "
                    "s.vacancy_id, s.target_id FROM {} s JOIN {} w ON w.id = "
                    "s.vacancy_id WHERE s.kind = {} ORDER BY 1, 2",
                    link.table, link.column, kStageLink, kStageWritten,
                    link.kind),
        counts));
  }
  for (int i = 0; i < kNumCharacteristics; ++i) {
    const CharacteristicTables& names =
        TablesFor(static_cast<Characteristic>(i));
    RETURN_IF_ERROR(ReplaceChildren(
        connection, names.statistic_table,
        fmt::format(
            "INSERT INTO \"{}\" (vacancy_id, \"{}\", "
            "percent_applications, updated_at) SELECT s.vacancy_id, "
            "s.lookup_id, s.percent_applications, s.updated_at FROM {} s "
            "JOIN {} w ON w.id = s.vacancy_id WHERE s.kind = {} "
            "ORDER BY 1, 2",
            names.statistic_table, names.fk_column, kStageStatistic,
            kStageWritten, i),
        counts));
  }
  ASSIGN_OR_RETURN(
      PgResult statistic,
      connection.Exec(fmt::format(
          "WITH u AS (INSERT INTO \"{0}\" (vacancy_id, total_applications, "
          "updated_at) SELECT s.id, s.total_applications, s.last_updated FROM "
          "{1} s JOIN {2} w ON w.id = s.id ORDER BY s.id "
          "ON CONFLICT (vacancy_id) DO UPDATE SET total_applications = "
          "EXCLUDED.total_applications, updated_at = EXCLUDED.updated_at "
          "RETURNING (xmax = 0) AS inserted) "
          "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT "
          "inserted) FROM u",
          schema::kVacancyStatisticTable, kStageVacancy, kStageWritten)));
  TableCounts& c = CountsOf(counts, schema::kVacancyStatisticTable);
  ASSIGN_OR_RETURN(int64_t inserted, statistic.Int(0, 0));
  ASSIGN_OR_RETURN(int64_t updated, statistic.Int(0, 1));
  c.inserted += inserted;
  c.updated += updated;
  return Status::Ok();
}

// Step 7. Django's vacancy id is a plain integer, but a database whose
// table has a serial or identity id must not hand out our ids later. Only
// moves the sequence forward, so that two loaders cannot move it back.
Status AdvanceIdSequence(PgConnection& connection) {
  return connection
      .Exec(fmt::format(
          "SELECT setval(q.seq, m.max_id) FROM (SELECT "
          "pg_get_serial_sequence('\"{0}\"', 'id')::regclass AS seq) q, "
          "(SELECT max(id) AS max_id FROM \"{0}\") m WHERE q.seq IS NOT NULL "
          "AND m.max_id > coalesce(pg_sequence_last_value(q.seq), 0)",
          schema::kVacancyTable))
      .status();
}

// Steps 4 and 5 for `staged`; whether any of them was inserted. The
// staging tables stay for step 6.
Result<bool> WriteThroughStaging(
    PgConnection& connection, const std::vector<const VacancyRecord*>& staged,
    const DependencyCache& cache, LoadCounts& counts) {
  RETURN_IF_ERROR(CreateStagingTables(connection));
  RETURN_IF_ERROR(FillStagingTables(connection, staged, cache));
  RETURN_IF_ERROR(
      UpsertVacancies(connection, static_cast<int64_t>(staged.size()), counts));
  // A new temporary table has no statistics: without them the planner
  // joins the few updated ids to the whole of each big child table by a
  // sequential scan instead of probing its vacancy_id index.
  RETURN_IF_ERROR(
      connection.Exec(fmt::format("ANALYZE {}", kStageWritten)).status());
  RETURN_IF_ERROR(WriteChildren(connection, counts));
  ASSIGN_OR_RETURN(
      PgResult inserted_any,
      connection.Exec(fmt::format(
          "SELECT EXISTS (SELECT 1 FROM {} WHERE inserted)", kStageWritten)));
  return inserted_any.Text(0, 0) == "t";
}

// ON COMMIT DROP is not enough when one transaction spans several chunks
// (the first load).
Status DropStagingTables(PgConnection& connection) {
  return connection
      .Exec(fmt::format("DROP TABLE {}, {}, {}, {}", kStageVacancy, kStageLink,
                        kStageStatistic, kStageWritten))
      .status();
}

}  // namespace

Result<LoadCounts> WriteChunk(PgConnection& connection,
                              const std::vector<const VacancyRecord*>& records,
                              DependencyCache& cache, bool direct_copy,
                              bool check_references,
                              const std::function<void()>& after_vacancies,
                              int64_t run_id) {
  LoadCounts counts;
  for (std::string_view table : schema::AllTables()) CountsOf(counts, table);
  if (records.empty()) return counts;

  // The feed's digests read the text: taken here, before any is sent.
  ASSIGN_OR_RETURN(Candidates candidates,
                   NewerThanStored(connection, records, run_id, counts));
  if (candidates.all.empty()) return counts;
  RETURN_IF_ERROR(ResolveNames(connection, candidates.all, cache, counts));
  if (check_references) {
    RETURN_IF_ERROR(CheckCachedReferences(connection, candidates.all, cache));
  }
  bool inserted_any = false;
  const std::vector<const VacancyRecord*>& staged =
      direct_copy ? candidates.updates : candidates.all;
  for (PlannedWrite& write : candidates.feed) {
    write.staged = !direct_copy || write.present;
  }
  if (direct_copy && !candidates.fresh.empty()) {
    // Staging reads the text too: then it is released after staging.
    RETURN_IF_ERROR(
        CopyNewVacancies(connection, candidates.fresh, cache, counts,
                         staged.empty() ? after_vacancies : nullptr));
    inserted_any = true;
  }
  if (!staged.empty()) {
    ASSIGN_OR_RETURN(bool staged_inserted,
                     WriteThroughStaging(connection, staged, cache, counts));
    inserted_any = inserted_any || staged_inserted;
    if (after_vacancies) after_vacancies();
  }
  RETURN_IF_ERROR(RecordWrites(connection, run_id, candidates.feed));
  if (!staged.empty()) RETURN_IF_ERROR(DropStagingTables(connection));
  if (inserted_any) RETURN_IF_ERROR(AdvanceIdSequence(connection));
  return counts;
}

}  // namespace jao::db::postgres
