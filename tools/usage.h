// The command line's own rules, shared by every command: whole-number
// options with a sentence for an error, the usage-error line and its exit
// status (2, as getopt-style tools use; runtime errors exit 1), and the
// "Examples / Environment" footer of each command's --help.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace jao::tools {

// The "Environment:" lines on the database and its password, shared by the
// --help of every command that takes --db.
inline constexpr std::string_view kDatabaseEnvironmentHelp =
    R"(  DATABASE_URL   the database when --db is absent (sqlite:///relative/path,
                 sqlite:////absolute/path, postgres://..., postgresql://...)
  PGPASSWORD     the PostgreSQL password, or ~/.pgpass; never printed. A
                 password in --db is visible to every user in `ps`: give it
                 in PGPASSWORD, ~/.pgpass or DATABASE_URL instead
)";

// The summary's warning when --db itself holds a password.
inline constexpr std::string_view kPasswordOnCommandLineWarning =
    "the password in --db is visible to every user of this machine (ps): "
    "give it in PGPASSWORD, ~/.pgpass or DATABASE_URL instead";

// The exit status of a usage error (bad or missing argument).
inline constexpr int kUsageExitStatus = 2;

// Declares `--name N` on `command`, accepted only as a whole number in
// [min, max]; anything else is a usage error "--name must be a whole number
// from MIN to MAX, got 'TEXT'". `store` receives the value when given.
CLI::Option* AddWholeNumberOption(CLI::App* command, const std::string& name,
                                  std::function<void(int64_t)> store,
                                  int64_t min, int64_t max,
                                  const std::string& description);

// Declares `--lock-timeout SECONDS` on `command`: from 0 (no limit) to 86400,
// default whatever `*seconds` holds; a value outside is a usage error.
CLI::Option* AddLockTimeoutOption(CLI::App* command, double* seconds,
                                  const std::string& description);

// --lock-timeout's seconds as the databases take them, rounded.
int64_t LockTimeoutMs(double seconds);

// Prints "jao-ingest: error: <message> (see 'jao-ingest <command> --help')"
// on stderr and returns kUsageExitStatus. `command` may be empty.
int ReportUsageError(std::string_view message, std::string_view command);

// What a parse error means for the exit: --help and --version print to
// stdout and return 0; every other parse error is one usage-error line.
int ReportParseError(CLI::App& app, const CLI::ParseError& error);

}  // namespace jao::tools
