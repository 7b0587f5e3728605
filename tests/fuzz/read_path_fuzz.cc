// libFuzzer target over the reader's whole read path: open, footer and
// metadata, schema, then every supported column of every row group in small
// batches, with pages decoded whole and again with every page streamed.
// Exists because the reader parses untrusted bytes: whatever the
// input, it must end in a Status, never a crash, a hang or a huge allocation.
// Built only with -DJAO_FUZZ=ON under clang (scripts/fuzz.sh); the seed corpus
// is the Apache conformance files.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parquet/file_reader.h"

namespace {

// The reader opens paths; an anonymous memory file gives each input one
// without touching the disk.
int MemoryFile() {
  static const int fd = memfd_create("jao-fuzz-input", 0);
  return fd;
}

// `streamed`: every data page streamed in small pieces and windows (the
// path a writer's large pages take), else pages decoded whole as usual.
void ReadEverything(const std::string& path, bool streamed) {
  auto file = jao::parquet::FileReader::Open(path);
  if (!file.ok()) return;
  std::vector<int> columns;
  for (const auto& column : (*file)->schema().columns()) {
    if (!column.unsupported) columns.push_back(column.index);
  }
  if (columns.empty()) return;
  jao::parquet::PageReaderOptions pages;
  if (streamed) {
    pages.whole_page_limit = 0;
    pages.piece_size = 61;
    pages.window = 128;
  }
  auto batches = (*file)->ReadColumns(columns, 97, pages);
  if (!batches.ok()) return;
  jao::parquet::RecordBatch batch;
  for (int i = 0; i < 100000; ++i) {
    auto more = (*batches)->Next(&batch);
    if (!more.ok() || !*more) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = MemoryFile();
  if (fd < 0) return 0;
  if (ftruncate(fd, 0) != 0) return 0;
  size_t written = 0;
  while (written < size) {
    ssize_t n =
        pwrite(fd, data + written, size - written, static_cast<off_t>(written));
    if (n <= 0) return 0;
    written += static_cast<size_t>(n);
  }
  ReadEverything("/proc/self/fd/" + std::to_string(fd), false);
  ReadEverything("/proc/self/fd/" + std::to_string(fd), true);
  return 0;
}
