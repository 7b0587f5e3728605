#include "tools/usage.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace jao::tools {

CLI::Option* AddWholeNumberOption(CLI::App* command, const std::string& name,
                                  std::function<void(int64_t)> store,
                                  int64_t min, int64_t max,
                                  const std::string& description) {
  // Taken as text and converted here, so the message is ours, not CLI11's
  // ("Value abc not in range 0.000000 to 1.79e308").
  CLI::Option* option = command->add_option_function<std::string>(
      name,
      [=](const std::string& text) {
        int64_t value = 0;
        const char* end = text.data() + text.size();
        auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || value < min || value > max) {
          throw CLI::ValidationError(
              fmt::format("{} must be a whole number from {} to {}, got '{}'",
                          name, min, max, text));
        }
        store(value);
      },
      description);
  option->type_name("N");
  return option;
}

CLI::Option* AddLockTimeoutOption(CLI::App* command, double* seconds,
                                  const std::string& description) {
  return command->add_option("--lock-timeout", *seconds, description)
      ->check(CLI::Range(0.0, 86400.0));
}

int64_t LockTimeoutMs(double seconds) {
  return static_cast<int64_t>(seconds * 1000 + 0.5);
}

int ReportUsageError(std::string_view message, std::string_view command) {
  std::fflush(stdout);
  std::string help = command.empty()
                         ? "jao-ingest --help"
                         : fmt::format("jao-ingest {} --help", command);
  std::fprintf(stderr, "jao-ingest: error: %.*s (see '%s')\n",
               static_cast<int>(message.size()), message.data(), help.c_str());
  return kUsageExitStatus;
}

int ReportParseError(CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) {
    // --help and --version: CLI11 prints them to stdout.
    return app.exit(error);
  }
  std::string command;
  for (const CLI::App* sub : app.get_subcommands()) command = sub->get_name();
  // CLI11's messages may span lines; the error is one line.
  std::string message = error.what();
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  while (!message.empty() && message.back() == ' ') message.pop_back();
  return ReportUsageError(message, command);
}

}  // namespace jao::tools
