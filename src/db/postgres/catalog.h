// The declared tables (db/target_schema.h) as PostgreSQL's catalog
// describes them (pg_attribute, pg_type, pg_constraint, pg_index, the tables
// found through the session's search_path as the loader's statements find
// them), for db/schema_check. Reads only. Used by EnsureSchema under its
// advisory lock and by the schema inspection (`jao-ingest check`, the start
// of `ingest`).
#pragma once

#include <string_view>

#include "common/status.h"
#include "db/live_schema.h"
#include "db/postgres/connection.h"
#include "db/schema_check.h"

namespace jao::db::postgres {

Result<LiveSchema> ReadCatalog(PgConnection& connection);

// Connects with `conninfo` and checks the schema, reading only.
Result<SchemaReport> InspectSchema(std::string_view conninfo);

}  // namespace jao::db::postgres
