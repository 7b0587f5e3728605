// The declared tables (db/target_schema.h) as SQLite's catalog describes
// them (sqlite_master, pragma_table_xinfo, pragma_foreign_key_list,
// pragma_index_list / pragma_index_info), for db/schema_check. Reads only.
// Used by SqliteLoader::EnsureSchema under the write lock and by the
// read-only schema inspection (`jao-ingest check`, the start of `ingest`).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "db/live_schema.h"
#include "db/schema_check.h"
#include "db/sqlite/connection.h"

namespace jao::db::sqlite {

Result<LiveSchema> ReadCatalog(Connection& connection);

// The schema of the file at `path` checked, reading only: a missing file
// is a database without the schema (creates_schema), and is not created.
Result<SchemaReport> InspectSchema(const std::string& path);

// A declared type as SQLite's rules read it ("varchar(40)" is text of at
// most 40 characters, "integer unsigned" an integer, "bool" a boolean).
LiveType ParseSqliteType(std::string_view declared);

}  // namespace jao::db::sqlite
