#include "tools/cat_command.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "parquet/file_reader.h"
#include "parquet/value_text.h"
#include "tools/error_report.h"
#include "tools/standard_output.h"
#include "tools/usage.h"

namespace jao::tools {
namespace {

using namespace jao::parquet;

constexpr int64_t kBatchRows = 4096;

// The column indices to print, in the order asked.
Result<std::vector<int>> PickColumns(const FileReader& reader,
                                     const std::vector<std::string>& names) {
  const Schema& schema = reader.schema();
  std::vector<int> indices;
  if (names.empty()) {
    auto readable = schema.ReadableColumns();
    if (!readable.ok()) return readable.status().WithContext(reader.path());
    return readable;
  }
  for (const std::string& name : names) {
    const ColumnDescriptor* column = schema.Find(name);
    if (column == nullptr) {
      return Status::InvalidArgument(reader.path() + ": no column '" + name +
                                     "'");
    }
    indices.push_back(column->index);
  }
  return indices;
}

Status WriteHeader(const FileReader& reader, const std::vector<int>& indices) {
  std::string line;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (i > 0) line += ',';
    line += parquet::CsvField(reader.schema().columns()[indices[i]].name);
  }
  line += '\n';
  return WriteStdout(line);
}

Status WriteBatch(const RecordBatch& batch, int64_t rows, bool csv,
                  std::string* line) {
  for (int64_t row = 0; row < rows; ++row) {
    line->clear();
    if (!csv) *line += '{';
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      const ColumnBatch& column = batch.columns[c];
      if (c > 0) *line += ',';
      if (csv) {
        *line += parquet::FormatCellCsv(column, row);
      } else {
        *line += parquet::JsonString(column.column->name);
        *line += ':';
        *line += parquet::FormatCellJson(column, row);
      }
    }
    if (!csv) *line += '}';
    *line += '\n';
    RETURN_IF_ERROR(WriteStdout(*line));
  }
  return Status::Ok();
}

}  // namespace

CLI::App* AddCatCommand(CLI::App& app, CatOptions* options) {
  CLI::App* command = app.add_subcommand(
      "cat", "Print a Parquet file's rows as JSON lines or CSV");
  command->add_option("FILE", options->file, "Parquet file")->required();
  command
      ->add_option("--columns", options->columns,
                   "Columns to print, comma-separated (default: all readable)")
      ->delimiter(',');
  AddWholeNumberOption(
      command, "--limit", [options](int64_t rows) { options->limit = rows; }, 0,
      std::numeric_limits<int64_t>::max(), "Print at most N rows");
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  command->footer(R"(Examples:
  jao-ingest cat export.parquet --limit 5
  jao-ingest cat export.parquet --columns vacancy_id,job_title --format csv

Values are printed in a canonical text: timestamps as ISO-8601 UTC, decimals
exact, bytes that are not UTF-8 text as {"base64": ...}.
Environment: none read.
Exit status: 0 done, 1 an unreadable file or a write error, 2 a usage error.
)");
  return command;
}

int RunCat(const CatOptions& options) {
  auto opened = FileReader::Open(options.file);
  if (!opened.ok()) return ReportError(opened.status().message());
  FileReader& reader = **opened;
  auto indices = PickColumns(reader, options.columns);
  if (!indices.ok()) return ReportError(indices.status().message());
  int64_t left = options.limit < 0 ? reader.metadata().num_rows : options.limit;
  auto batches = reader.ReadColumns(*indices, kBatchRows);
  if (!batches.ok()) return ReportError(batches.status().message());
  const bool csv = options.format == "csv";
  if (csv) {
    Status written = WriteHeader(reader, *indices);
    if (!written.ok()) return ReportError(written.message());
  }
  RecordBatch batch;
  std::string line;
  // --limit stops reading early; without it the whole file is read (and
  // checked), whatever num_rows says.
  while (options.limit < 0 || left > 0) {
    auto more = (*batches)->Next(&batch);
    if (!more.ok()) return ReportError(more.status().message());
    if (!*more) break;
    int64_t rows =
        options.limit < 0 ? batch.num_rows : std::min(batch.num_rows, left);
    Status written = WriteBatch(batch, rows, csv, &line);
    if (!written.ok()) return ReportError(written.message());
    left -= rows;
  }
  Status flushed = FlushStdout();
  if (!flushed.ok()) return ReportError(flushed.message());
  // Once the rows are out, so that a file refused while reading shows its
  // one error line and nothing before it.
  const std::string skipped = reader.schema().UnsupportedColumns();
  if (options.columns.empty() && !skipped.empty()) {
    ReportWarning(reader.path() + ": unsupported columns skipped: " + skipped);
  }
  return 0;
}

}  // namespace jao::tools
