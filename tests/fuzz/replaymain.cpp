// SPDX-License-Identifier: MIT
// The main() of a fuzz harness in builds without libFuzzer: runs LLVMFuzzerTestOneInput once over every file
// given, or found below a folder given (in name order), as LLVM's StandaloneFuzzTargetMain does. ctest uses
// it to replay the committed corpora; a harness finds a broken invariant by aborting.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

bool collect(const std::filesystem::path &path, std::vector<std::filesystem::path> &files)
{
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        std::vector<std::filesystem::path> found;
        for (const auto &entry : std::filesystem::recursive_directory_iterator(path, error)) {
            if (entry.is_regular_file())
                found.push_back(entry.path());
        }
        if (error)
            return false;
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
        return true;
    }
    if (!std::filesystem::is_regular_file(path, error))
        return false;
    files.push_back(path);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        if (!collect(argv[i], files)) {
            std::fprintf(stderr, "%s: %s is neither a file nor a readable folder\n", argv[0], argv[i]);
            return 2;
        }
    }
    // A replay of nothing proves nothing: an empty or misnamed corpus fails the test.
    if (files.empty()) {
        std::fprintf(
            stderr, "usage: %s FILE|FOLDER…: runs the harness once per input (none found)\n", argv[0]);
        return 2;
    }
    for (const std::filesystem::path &file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.eof() && in.fail()) {
            std::fprintf(stderr, "%s: %s could not be read\n", argv[0], file.c_str());
            return 2;
        }
        std::fprintf(stderr, "Running: %s\n", file.c_str());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    }
    std::fprintf(stderr, "%s: %zu input(s) replayed, every invariant held\n", argv[0], files.size());
    return 0;
}
