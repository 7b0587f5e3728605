#include "parquet/file_reader.h"

#include <algorithm>
#include <string>

#include "parquet/column_reader.h"
#include "parquet/footer.h"
#include "parquet/random_access_file.h"

namespace jao::parquet {
namespace {

class FileBatchReader : public BatchReader {
 public:
  FileBatchReader(const std::string& path, const RandomAccessFile* source,
                  const FileMetaData& metadata, const Schema& schema,
                  std::vector<int> column_indices, int64_t batch_rows,
                  const PageReaderOptions& pages)
      : path_(path),
        source_(source),
        metadata_(metadata),
        schema_(schema),
        indices_(std::move(column_indices)),
        batch_rows_(batch_rows),
        pages_(pages) {}

  Result<bool> Next(RecordBatch* out) override {
    const int groups = static_cast<int>(metadata_.row_groups.size());
    while (true) {
      if (in_group_ && rows_done_ < group_rows_) return ReadBatch(out);
      if (in_group_) RETURN_IF_ERROR(FinishRowGroup());
      in_group_ = false;
      if (row_group_ + 1 >= groups) return false;
      ++row_group_;
      RETURN_IF_ERROR(StartRowGroup());
      in_group_ = true;
    }
  }

  int64_t bytes_read() const override {
    int64_t total = finished_bytes_;
    for (const auto& reader : readers_) total += reader->bytes_read();
    return total;
  }

 private:
  std::string Context(int column_index) const {
    return path_ + ": row group " + std::to_string(row_group_) + ", column '" +
           schema_.columns()[column_index].name + "'";
  }

  Status StartRowGroup() {
    const RowGroup& group = metadata_.row_groups[row_group_];
    std::string where = path_ + ": row group " + std::to_string(row_group_);
    if (group.num_rows < 0) {
      return Status::Corrupt(where + ": num_rows " +
                             std::to_string(group.num_rows) + " is negative");
    }
    if (group.columns.size() != schema_.columns().size()) {
      return Status::Corrupt(
          where + ": " + std::to_string(group.columns.size()) +
          " column chunks, the schema has " +
          std::to_string(schema_.columns().size()) + " columns");
    }
    group_rows_ = group.num_rows;
    rows_done_ = 0;
    // An empty row group has nothing to read; writers leave its chunk
    // offsets at 0 (column_chunk_key_value_metadata.parquet).
    if (group_rows_ == 0) return Status::Ok();
    for (int index : indices_) {
      Status status = OpenChunk(group.columns[index], index);
      if (!status.ok()) return status.WithContext(Context(index));
    }
    return Status::Ok();
  }

  Status OpenChunk(const ColumnChunk& chunk, int index) {
    const ColumnDescriptor& column = schema_.columns()[index];
    if (chunk.file_path) {
      return Status::Unsupported("column chunk data in another file ('" +
                                 *chunk.file_path + "') is not supported");
    }
    if (chunk.has_crypto_metadata) {
      return Status::Unsupported("encrypted column chunks are not supported");
    }
    if (!chunk.meta_data) {
      return Status::Corrupt("column chunk has no meta_data");
    }
    if (chunk.meta_data->type != column.physical_type) {
      return Status::Corrupt(
          "column chunk type " + TypeName(chunk.meta_data->type) +
          " does not match the schema's " + TypeName(column.physical_type));
    }
    ASSIGN_OR_RETURN(auto pages,
                     PageReader::Make(source_, *chunk.meta_data, pages_));
    readers_.push_back(
        std::make_unique<ColumnReader>(&column, std::move(pages)));
    return Status::Ok();
  }

  Status FinishRowGroup() {
    for (size_t i = 0; i < readers_.size(); ++i) {
      Status status = readers_[i]->CheckExhausted();
      if (!status.ok()) return status.WithContext(Context(indices_[i]));
      finished_bytes_ += readers_[i]->bytes_read();
    }
    readers_.clear();
    group_first_row_ += group_rows_;
    return Status::Ok();
  }

  Result<bool> ReadBatch(RecordBatch* out) {
    int64_t rows = std::min(batch_rows_, group_rows_ - rows_done_);
    out->first_row = group_first_row_ + rows_done_;
    out->num_rows = rows;
    out->row_group = row_group_;
    out->columns.resize(readers_.size());
    for (size_t i = 0; i < readers_.size(); ++i) {
      Status status = readers_[i]->Read(rows, &out->columns[i]);
      if (!status.ok()) return status.WithContext(Context(indices_[i]));
    }
    rows_done_ += rows;
    return true;
  }

  const std::string& path_;
  const RandomAccessFile* source_;
  const FileMetaData& metadata_;
  const Schema& schema_;
  std::vector<int> indices_;
  int64_t batch_rows_;
  PageReaderOptions pages_;
  int row_group_ = -1;
  bool in_group_ = false;
  int64_t group_rows_ = 0;
  int64_t rows_done_ = 0;
  int64_t group_first_row_ = 0;
  int64_t finished_bytes_ = 0;
  std::vector<std::unique_ptr<ColumnReader>> readers_;
};

class FileReaderImpl : public FileReader {
 public:
  FileReaderImpl(std::string path, std::unique_ptr<RandomAccessFile> file,
                 FileMetaData metadata, Schema schema)
      : path_(std::move(path)),
        file_(std::move(file)),
        metadata_(std::move(metadata)),
        schema_(std::move(schema)) {}

  const std::string& path() const override { return path_; }
  int64_t file_size() const override { return file_->size(); }
  const FileMetaData& metadata() const override { return metadata_; }
  const Schema& schema() const override { return schema_; }

  Result<std::unique_ptr<BatchReader>> ReadColumns(
      const std::vector<int>& column_indices, int64_t batch_rows,
      const PageReaderOptions& pages) override {
    if (batch_rows <= 0) {
      return Status::InvalidArgument(
          "batch_rows " + std::to_string(batch_rows) + " is not positive");
    }
    const auto& columns = schema_.columns();
    for (int index : column_indices) {
      if (index < 0 || index >= static_cast<int>(columns.size())) {
        return Status::InvalidArgument(
            path_ + ": column index " + std::to_string(index) +
            " is outside the " + std::to_string(columns.size()) + " columns");
      }
      if (columns[index].unsupported) {
        return Status::Unsupported(path_ + ": column '" + columns[index].name +
                                   "': " + *columns[index].unsupported);
      }
    }
    return std::unique_ptr<BatchReader>(
        new FileBatchReader(path_, file_.get(), metadata_, schema_,
                            column_indices, batch_rows, pages));
  }

 private:
  std::string path_;
  std::unique_ptr<RandomAccessFile> file_;
  FileMetaData metadata_;
  Schema schema_;
};

}  // namespace

Result<std::unique_ptr<FileReader>> FileReader::Open(const std::string& path) {
  ASSIGN_OR_RETURN(auto file, RandomAccessFile::Open(path));
  return Open(std::move(file));
}

Result<std::unique_ptr<FileReader>> FileReader::Open(
    std::unique_ptr<RandomAccessFile> file) {
  const std::string path = file->path();
  // ReadFooter names the file in its errors and refuses encrypted footers.
  ASSIGN_OR_RETURN(Footer footer, ReadFooter(*file));
  auto schema = BuildSchema(footer.metadata.schema);
  if (!schema.ok()) return schema.status().WithContext(path);
  return std::unique_ptr<FileReader>(
      new FileReaderImpl(path, std::move(file), std::move(footer.metadata),
                         std::move(schema).value()));
}

}  // namespace jao::parquet
