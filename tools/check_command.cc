#include "tools/check_command.h"

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "db/backends.h"
#include "tools/database_argument.h"
#include "tools/error_report.h"
#include "tools/standard_output.h"
#include "tools/usage.h"

namespace jao::tools {
namespace {

std::string JsonReport(const db::SchemaReport& report, double milliseconds) {
  nlohmann::ordered_json json;
  json["fits"] = !report.refused();
  json["creates_schema"] = report.creates_schema;
  json["refusals"] = report.refusals;
  json["extra_columns"] = report.extra_columns;
  nlohmann::ordered_json limits = nlohmann::ordered_json::array();
  for (const db::ColumnLimit& limit : report.limits) {
    limits.push_back({{"table", limit.table},
                      {"column", limit.column},
                      {"type", limit.type_text}});
  }
  json["narrower_columns"] = limits;
  json["milliseconds"] = milliseconds;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

std::string TextReport(const db::SchemaReport& report, double milliseconds) {
  std::string text = report.creates_schema
                         ? "schema: absent; an ingest creates it\n"
                         : "schema: fits; an ingest writes into it as it is\n";
  for (const std::string& note : report.Notes()) {
    if (!report.creates_schema) text += "  " + note + "\n";
  }
  char took[64];
  std::snprintf(took, sizeof took, "checked in %.1f ms\n", milliseconds);
  return text + took;
}

}  // namespace

CLI::App* AddCheckCommand(CLI::App& app, CheckOptions* options) {
  CLI::App* command = app.add_subcommand(
      "check",
      "check the database's schema against what jao-ingest writes; writes "
      "nothing");
  command
      ->add_option("--db", options->db,
                   "SQLite path, sqlite:///path, postgresql://... URL or "
                   "libpq key=value string (default: $DATABASE_URL)")
      ->each([options](const std::string&) { options->db_given = true; });
  command->add_option("--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  command->footer(R"(Examples:
  jao-ingest check --db jao.sqlite3
  DATABASE_URL=postgresql://loader@db.example/jao jao-ingest check --format json

Every ingest runs the same check first and writes nothing when it fails.
Refused (exit 3), a line per difference: a table or column jao-ingest writes
is missing, a type cannot hold its values, a key points at another table, a
unique key the loader relies on is missing, an extra NOT NULL column has no
default, or only some of the tables exist. Accepted: extra columns that are
nullable or have a default (left to the database), and narrower text or
number columns (varchar(40), numeric(6, 2)): a row whose value does not fit
is rejected, naming the column. A database with none of the tables is
accepted: the ingest creates them.

Exit status: 0 the schema fits (or is absent), 1 a database error, 2 a usage
error, 3 the schema is refused.
)");
  return command;
}

int RunCheck(const CheckOptions& options) {
  Result<DatabaseArgument> database =
      ResolveDatabase(options.db, options.db_given, /*required=*/true);
  if (!database.ok()) {
    return ReportUsageError(database.status().message(), "check");
  }
  const std::string* target = &database->text;
  const auto started = std::chrono::steady_clock::now();
  Result<db::SchemaReport> report = db::InspectSchema(*target);
  const double milliseconds = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
  if (!report.ok()) return ReportError(report.status().message());
  if (options.format == "json") {
    Status written = WriteStdout(JsonReport(*report, milliseconds));
    if (written.ok()) written = FlushStdout();
    if (!written.ok()) return ReportError(written.message());
  }
  if (report->refused()) return ReportSchemaRefusal(report->refusals);
  if (options.format == "text") {
    Status written = WriteStdout(TextReport(*report, milliseconds));
    if (written.ok()) written = FlushStdout();
    if (!written.ok()) return ReportError(written.message());
  }
  return 0;
}

}  // namespace jao::tools
