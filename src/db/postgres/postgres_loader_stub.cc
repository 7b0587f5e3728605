// Placeholder until the PostgreSQL backend lands (branch h-pg replaces this
// file with the real implementation of postgres_loader.h).
#include "db/postgres/postgres_loader.h"

namespace jao::db {

Result<std::unique_ptr<Loader>> OpenPostgresLoader(std::string_view conninfo) {
  return Status::Unsupported("postgresql support is not built yet");
}

}  // namespace jao::db
