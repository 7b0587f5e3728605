// What the change feed says changed, without reading old texts back: a
// 64-bit digest of each stored field of a vacancy, kept by jao-ingest in
// its own table (jao_ingest_digest) in the same transaction as the rows.
// A later write compares the record's digests with the stored ones field
// by field; the embedder's question, whether the text changed, is whether
// title, summary or description did.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/stored_fields.h"
#include "db/vacancy_record.h"

namespace jao::db {

// The digests of what a loader stores of `record`. Reads the text: call
// before the chunk's text is released. Lists (grades, role types,
// statistics) are digested as sets: their order in the file is not stored.
VacancyDigest DigestOf(const VacancyRecord& record);
// record.digest when the chunk builder computed it (on the transform
// thread, off the loader's), else DigestOf(record).
VacancyDigest DigestFor(const VacancyRecord& record);

// The fields whose digests differ; every field when nothing is known of
// the stored version (`before` empty: a vacancy jao-ingest never wrote, or
// wrote before it kept digests).
FieldMask ChangedFields(const std::optional<VacancyDigest>& before,
                        const VacancyDigest& after);

// A vacancy's row of jao_ingest_digest, as a loader reads it before
// writing the vacancy again.
struct StoredDigest {
  int64_t run_id = 0;  // the run that wrote it last (0: a loader without run)
  std::optional<VacancyDigest> digest;  // nullopt: unreadable
  // The digest before run_id wrote it; nullopt when run_id inserted the
  // vacancy or nothing was known of it.
  std::optional<VacancyDigest> before;
};

// How one write of a vacancy goes into the change feed and the digest row.
struct FeedWrite {
  // Against the state before the run.
  FieldMask fields = kAllFields;
  bool text_changed = true;
  // What the digest row keeps as the state before the run: when the run
  // already wrote this vacancy (an earlier chunk), the "before" that write
  // kept, not the earlier write itself.
  std::optional<VacancyDigest> before;
};

// The plan for writing `now` in run `run_id` (0: no run) over a vacancy
// that is `present` in the database, stored at version
// `stored_last_updated_us`, with digest row `stored` (nullopt: none). A row
// left by a vacancy deleted since (not present) is ignored, and so is one
// whose version is not the stored vacancy's: something other than
// jao-ingest changed the row since, so nothing is known of it.
FeedWrite PlanFeedWrite(int64_t run_id, bool present,
                        int64_t stored_last_updated_us,
                        const std::optional<StoredDigest>& stored,
                        const VacancyDigest& now);

// The digest as stored: 8 bytes a field, little-endian, in field order.
std::string EncodeDigest(const VacancyDigest& digest);
// nullopt unless `bytes` is what EncodeDigest makes.
std::optional<VacancyDigest> DecodeDigest(std::string_view bytes);

// The 64-bit hash behind the digests, exposed for its tests: not a
// cryptographic hash (nobody is trusted to forge one), only one whose
// accidental collisions are negligible.
uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

}  // namespace jao::db
