#include "tools/inspect_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <set>

#include "parquet/file_reader.h"
#include "parquet/page_reader.h"
#include "parquet/random_access_file.h"
#include "tools/error_report.h"

namespace jao::tools {
namespace {

using namespace jao::parquet;

std::string LogicalText(const LogicalType& logical) {
  switch (logical.kind) {
    case LogicalTypeKind::kNone:
      return "-";
    case LogicalTypeKind::DECIMAL:
      return fmt::format("DECIMAL({}, {})", logical.precision, logical.scale);
    case LogicalTypeKind::TIME:
    case LogicalTypeKind::TIMESTAMP:
      return fmt::format("{}({}, utc={})", LogicalTypeKindName(logical.kind),
                         TimeUnitName(logical.unit),
                         logical.is_adjusted_to_utc ? "true" : "false");
    case LogicalTypeKind::INTEGER:
      return fmt::format("INTEGER({}, {})", logical.bit_width,
                         logical.is_signed ? "signed" : "unsigned");
    default:
      return LogicalTypeKindName(logical.kind);
  }
}

void PrintSchema(const Schema& schema) {
  std::printf("schema: %zu columns\n", schema.columns().size());
  for (const ColumnDescriptor& column : schema.columns()) {
    std::string path;
    for (const std::string& part : column.path) {
      path += (path.empty() ? "" : ".") + part;
    }
    std::string type = TypeName(column.physical_type);
    if (column.physical_type == Type::FIXED_LEN_BYTE_ARRAY) {
      type += fmt::format("({})", column.type_length);
    }
    std::string line = fmt::format("  {:>3} {}: {} {} {}{}", column.index, path,
                                   type, LogicalText(column.logical_type),
                                   column.optional ? "optional" : "required",
                                   column.is_list ? " list" : "");
    if (column.unsupported)
      line += " [unsupported: " + *column.unsupported + "]";
    std::printf("%s\n", line.c_str());
  }
}

struct PageSummary {
  int dictionary_pages = 0;
  int data_pages = 0;
  int64_t compressed = 0;
  int64_t uncompressed = 0;
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
      continue;
    }
    ++summary->data_pages;
    summary->page_encodings.insert(
        header.type == PageType::DATA_PAGE
            ? EncodingName(header.data_page_header->encoding) + " (v1)"
            : EncodingName(header.data_page_header_v2->encoding) + " (v2)");
  }
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void PrintRowGroups(const FileReader& reader, const RandomAccessFile& file) {
  const FileMetaData& metadata = reader.metadata();
  for (size_t g = 0; g < metadata.row_groups.size(); ++g) {
    const RowGroup& group = metadata.row_groups[g];
    std::printf("row group %zu: %lld rows, %lld bytes\n", g,
                static_cast<long long>(group.num_rows),
                static_cast<long long>(group.total_byte_size));
    for (size_t c = 0; c < group.columns.size(); ++c) {
      const ColumnChunk& chunk = group.columns[c];
      std::string name = c < reader.schema().columns().size()
                             ? reader.schema().columns()[c].name
                             : std::to_string(c);
      if (!chunk.meta_data || chunk.file_path || chunk.has_crypto_metadata) {
        std::printf("  column '%s': %s\n", name.c_str(),
                    chunk.file_path             ? "data in another file"
                    : chunk.has_crypto_metadata ? "encrypted"
                                                : "no metadata");
        continue;
      }
      const ColumnMetaData& meta = *chunk.meta_data;
      std::vector<std::string> encodings;
      for (Encoding e : meta.encodings) encodings.push_back(EncodingName(e));
      PageSummary pages;
      Status status =
          group.num_rows == 0 ? Status::Ok() : WalkPages(file, meta, &pages);
      std::printf(
          "  column '%s': %s, encodings [%s], %lld values, %lld bytes "
          "compressed, %lld uncompressed\n"
          "    pages: %d dictionary, %d data [%s], page bytes %lld compressed, "
          "%lld uncompressed\n",
          name.c_str(), CodecName(meta.codec).c_str(),
          Joined(encodings).c_str(), static_cast<long long>(meta.num_values),
          static_cast<long long>(meta.total_compressed_size),
          static_cast<long long>(meta.total_uncompressed_size),
          pages.dictionary_pages, pages.data_pages,
          Joined({pages.page_encodings.begin(), pages.page_encodings.end()})
              .c_str(),
          static_cast<long long>(pages.compressed),
          static_cast<long long>(pages.uncompressed));
      // A damaged chunk is part of what inspect reports, not a reason to stop.
      if (!status.ok()) {
        std::printf("    pages unreadable: %s\n", status.message().c_str());
      }
    }
  }
}

}  // namespace

CLI::App* AddInspectCommand(CLI::App& app, InspectOptions* options) {
  CLI::App* command = app.add_subcommand(
      "inspect", "Show a Parquet file's schema, row groups and pages");
  command->add_option("FILE", options->file, "Parquet file")->required();
  return command;
}

int RunInspect(const InspectOptions& options) {
  auto opened = FileReader::Open(options.file);
  if (!opened.ok()) return ReportError(opened.status().message());
  const FileReader& reader = **opened;
  const FileMetaData& metadata = reader.metadata();
  std::printf("file: %s (%lld bytes)\n", reader.path().c_str(),
              static_cast<long long>(reader.file_size()));
  std::printf("created_by: %s\n",
              metadata.created_by ? metadata.created_by->c_str() : "-");
  std::printf("format version: %d\n", metadata.version);
  std::printf("rows: %lld in %zu row groups\n",
              static_cast<long long>(metadata.num_rows),
              metadata.row_groups.size());
  std::vector<std::string> keys;
  for (const KeyValue& kv : metadata.key_value_metadata) keys.push_back(kv.key);
  std::printf("key/value metadata keys: %s\n",
              keys.empty() ? "-" : Joined(keys).c_str());
  PrintSchema(reader.schema());
  // The page walk needs its own handle on the file: the reader keeps its own.
  auto file = RandomAccessFile::Open(options.file);
  if (!file.ok()) return ReportError(file.status().message());
  PrintRowGroups(reader, **file);
  return 0;
}

}  // namespace jao::tools
