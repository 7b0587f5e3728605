// The PostgreSQL backend's entry point, called by OpenLoader for
// postgresql:// and postgres:// URLs and libpq key=value strings.
#pragma once

#include <memory>
#include <string_view>

#include "common/status.h"
#include "db/loader.h"

namespace jao::db {

// Connects with `conninfo` (passed to libpq as given). Database status when
// the connection fails; the message never contains the password.
Result<std::unique_ptr<Loader>> OpenPostgresLoader(std::string_view conninfo);

}  // namespace jao::db
