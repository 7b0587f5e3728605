#include "tools/inspect_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "parquet/file_reader.h"
#include "parquet/page_reader.h"
#include "parquet/random_access_file.h"
#include "tools/error_report.h"

namespace jao::tools {
namespace {

using namespace jao::parquet;
using json = nlohmann::ordered_json;

std::string ColumnPath(const ColumnDescriptor& column) {
  std::string path;
  for (const std::string& part : column.path) {
    path += (path.empty() ? "" : ".") + part;
  }
  return path;
}

json SchemaReport(const Schema& schema) {
  json columns = json::array();
  for (const ColumnDescriptor& column : schema.columns()) {
    std::string type = TypeName(column.physical_type);
    if (column.physical_type == Type::FIXED_LEN_BYTE_ARRAY) {
      type += fmt::format("({})", column.type_length);
    }
    json entry = {{"index", column.index},
                  {"path", ColumnPath(column)},
                  {"physical_type", type},
                  {"logical_type", LogicalTypeText(column.logical_type)},
                  {"optional", column.optional},
                  {"list", column.is_list},
                  {"unsupported", nullptr}};
    if (column.unsupported) entry["unsupported"] = *column.unsupported;
    columns.push_back(std::move(entry));
  }
  return columns;
}

struct PageSummary {
  int dictionary_pages = 0;
  int data_pages = 0;
  int64_t compressed = 0;
  int64_t uncompressed = 0;
  // What the reader holds: the dictionary whole for the chunk, and a data
  // page whole up to its streaming threshold (docs/architecture.md).
  int64_t dictionary_bytes = 0;
  int64_t largest_data_page = 0;
  std::set<std::string> page_encodings;
};

Status WalkPages(const RandomAccessFile& file, const ColumnMetaData& meta,
                 PageSummary* summary) {
  ASSIGN_OR_RETURN(auto pages, PageReader::Make(&file, meta));
  Page page;
  while (true) {
    ASSIGN_OR_RETURN(bool got, pages->NextHeader(&page));
    if (!got) return Status::Ok();
    const PageHeader& header = page.header;
    summary->compressed += header.compressed_page_size;
    summary->uncompressed += header.uncompressed_page_size;
    if (header.type == PageType::DICTIONARY_PAGE) {
      ++summary->dictionary_pages;
      summary->dictionary_bytes += header.uncompressed_page_size;
      continue;
    }
    ++summary->data_pages;
    summary->largest_data_page = std::max<int64_t>(
        summary->largest_data_page, header.uncompressed_page_size);
    summary->page_encodings.insert(
        header.type == PageType::DATA_PAGE
            ? EncodingName(header.data_page_header->encoding) + " (v1)"
            : EncodingName(header.data_page_header_v2->encoding) + " (v2)");
  }
}

std::string Joined(const json& items) {
  std::string out;
  for (const json& item : items) {
    out += (out.empty() ? "" : ", ") + item.get<std::string>();
  }
  return out;
}

json ColumnChunkReport(const RandomAccessFile& file, const RowGroup& group,
                       const ColumnChunk& chunk, const std::string& name) {
  json entry = {{"column", name}};
  if (!chunk.meta_data || chunk.file_path || chunk.has_crypto_metadata) {
    entry["unreadable"] = chunk.file_path             ? "data in another file"
                          : chunk.has_crypto_metadata ? "encrypted"
                                                      : "no metadata";
    return entry;
  }
  const ColumnMetaData& meta = *chunk.meta_data;
  json encodings = json::array();
  for (Encoding e : meta.encodings) encodings.push_back(EncodingName(e));
  PageSummary pages;
  Status status =
      group.num_rows == 0 ? Status::Ok() : WalkPages(file, meta, &pages);
  entry["codec"] = CodecName(meta.codec);
  entry["encodings"] = encodings;
  entry["num_values"] = meta.num_values;
  entry["total_compressed_size"] = meta.total_compressed_size;
  entry["total_uncompressed_size"] = meta.total_uncompressed_size;
  entry["pages"] = {
      {"dictionary", pages.dictionary_pages},
      {"data", pages.data_pages},
      {"encodings", json(std::vector<std::string>(pages.page_encodings.begin(),
                                                  pages.page_encodings.end()))},
      {"compressed_bytes", pages.compressed},
      {"uncompressed_bytes", pages.uncompressed},
      {"dictionary_bytes", pages.dictionary_bytes},
      {"largest_data_page_bytes", pages.largest_data_page}};
  // A damaged chunk is part of what inspect reports, not a reason to stop.
  entry["pages_error"] = nullptr;
  if (!status.ok()) entry["pages_error"] = status.message();
  return entry;
}

json RowGroupsReport(const FileReader& reader, const RandomAccessFile& file) {
  json groups = json::array();
  const FileMetaData& metadata = reader.metadata();
  for (const RowGroup& group : metadata.row_groups) {
    json columns = json::array();
    for (size_t c = 0; c < group.columns.size(); ++c) {
      std::string name = c < reader.schema().columns().size()
                             ? reader.schema().columns()[c].name
                             : std::to_string(c);
      columns.push_back(ColumnChunkReport(file, group, group.columns[c], name));
    }
    groups.push_back({{"num_rows", group.num_rows},
                      {"total_byte_size", group.total_byte_size},
                      {"columns", std::move(columns)}});
  }
  return groups;
}

json Report(const FileReader& reader, const RandomAccessFile& file) {
  const FileMetaData& metadata = reader.metadata();
  json keys = json::array();
  for (const KeyValue& kv : metadata.key_value_metadata) keys.push_back(kv.key);
  json created_by = nullptr;
  if (metadata.created_by) created_by = *metadata.created_by;
  return {{"file", reader.path()},
          {"file_size", reader.file_size()},
          {"created_by", created_by},
          {"format_version", metadata.version},
          {"num_rows", metadata.num_rows},
          {"key_value_metadata_keys", keys},
          {"schema", SchemaReport(reader.schema())},
          {"row_groups", RowGroupsReport(reader, file)}};
}

void PrintColumnChunk(const json& chunk) {
  std::string name = chunk["column"];
  if (chunk.contains("unreadable")) {
    std::printf("  column '%s': %s\n", name.c_str(),
                chunk["unreadable"].get<std::string>().c_str());
    return;
  }
  const json& pages = chunk["pages"];
  std::printf(
      "  column '%s': %s, encodings [%s], %lld values, %lld bytes "
      "compressed, %lld uncompressed\n"
      "    pages: %d dictionary, %d data [%s], page bytes %lld compressed, "
      "%lld uncompressed; dictionary %lld bytes, largest data page %lld "
      "bytes uncompressed\n",
      name.c_str(), chunk["codec"].get<std::string>().c_str(),
      Joined(chunk["encodings"]).c_str(),
      static_cast<long long>(chunk["num_values"].get<int64_t>()),
      static_cast<long long>(chunk["total_compressed_size"].get<int64_t>()),
      static_cast<long long>(chunk["total_uncompressed_size"].get<int64_t>()),
      pages["dictionary"].get<int>(), pages["data"].get<int>(),
      Joined(pages["encodings"]).c_str(),
      static_cast<long long>(pages["compressed_bytes"].get<int64_t>()),
      static_cast<long long>(pages["uncompressed_bytes"].get<int64_t>()),
      static_cast<long long>(pages["dictionary_bytes"].get<int64_t>()),
      static_cast<long long>(pages["largest_data_page_bytes"].get<int64_t>()));
  if (!chunk["pages_error"].is_null()) {
    std::printf("    pages unreadable: %s\n",
                chunk["pages_error"].get<std::string>().c_str());
  }
}

void PrintText(const json& report) {
  std::printf("file: %s (%lld bytes)\n",
              report["file"].get<std::string>().c_str(),
              static_cast<long long>(report["file_size"].get<int64_t>()));
  std::printf("created_by: %s\n",
              report["created_by"].is_null()
                  ? "-"
                  : report["created_by"].get<std::string>().c_str());
  std::printf("format version: %d\n", report["format_version"].get<int>());
  std::printf("rows: %lld in %zu row groups\n",
              static_cast<long long>(report["num_rows"].get<int64_t>()),
              report["row_groups"].size());
  const json& keys = report["key_value_metadata_keys"];
  std::printf("key/value metadata keys: %s\n",
              keys.empty() ? "-" : Joined(keys).c_str());
  std::printf("schema: %zu columns\n", report["schema"].size());
  for (const json& column : report["schema"]) {
    std::string line =
        fmt::format("  {:>3} {}: {} {} {}{}", column["index"].get<int>(),
                    column["path"].get<std::string>(),
                    column["physical_type"].get<std::string>(),
                    column["logical_type"].get<std::string>(),
                    column["optional"].get<bool>() ? "optional" : "required",
                    column["list"].get<bool>() ? " list" : "");
    if (!column["unsupported"].is_null()) {
      line +=
          " [unsupported: " + column["unsupported"].get<std::string>() + "]";
    }
    std::printf("%s\n", line.c_str());
  }
  size_t g = 0;
  for (const json& group : report["row_groups"]) {
    std::printf(
        "row group %zu: %lld rows, %lld bytes\n", g++,
        static_cast<long long>(group["num_rows"].get<int64_t>()),
        static_cast<long long>(group["total_byte_size"].get<int64_t>()));
    for (const json& chunk : group["columns"]) PrintColumnChunk(chunk);
  }
}

}  // namespace

CLI::App* AddInspectCommand(CLI::App& app, InspectOptions* options) {
  CLI::App* command = app.add_subcommand(
      "inspect", "Show a Parquet file's schema, row groups and pages");
  command->add_option("FILE", options->file, "Parquet file")->required();
  command
      ->add_option("--format", options->format,
                   "text for people, json for scripts (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  command->footer(R"(Examples:
  jao-ingest inspect export.parquet
  jao-ingest inspect export.parquet --format json | jq '.row_groups[0].num_rows'

Environment: none read.
Exit status: 0 done, 1 an unreadable file, 2 a usage error.
)");
  return command;
}

int RunInspect(const InspectOptions& options) {
  auto opened = FileReader::Open(options.file);
  if (!opened.ok()) return ReportError(opened.status().message());
  // The page walk needs its own handle on the file: the reader keeps its own.
  auto file = RandomAccessFile::Open(options.file);
  if (!file.ok()) return ReportError(file.status().message());
  json report = Report(**opened, **file);
  if (options.format == "json") {
    // Names and metadata are the file's bytes: invalid UTF-8 is replaced,
    // never a reason to abort.
    std::string text =
        report.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    PrintText(report);
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    return ReportError("cannot write to stdout");
  }
  return 0;
}

}  // namespace jao::tools
