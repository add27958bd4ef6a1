#include "support/test_support.h"

#include "frames/ui_frame.h"
#include "render/cpu/software_rasterizer.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

namespace gradscape::testing {

Image readPng(const std::string& path) {
    int width = 0, height = 0, channels = 0;
    stbi_uc* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
    if (!data) throw std::runtime_error("cannot read " + path + ": " + stbi_failure_reason());
    Image image{width, height, std::vector<std::uint8_t>(data, data + static_cast<size_t>(width) * height * 4)};
    stbi_image_free(data);
    return image;
}

CommandResult run(const std::string& commandLine) {
    CommandResult result;
    FILE* pipe = popen((commandLine + " 2>&1").c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, n);
    const int status = pclose(pipe);
    result.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

CommandResult runData(const std::string& arguments) {
    return run(std::string(executable()) + " run " + arguments + " 2>/dev/null");
}

Image rasterize(const std::function<void(ImDrawList*)>& draw) {
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(64, 48);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    ImGui::NewFrame();
    draw(ImGui::GetBackgroundDrawList());
    ImGui::Render();
    Image image{64, 48, {}};
    clearImage(image, 0, 0, 0);
    rasterizeDrawData(*ImGui::GetDrawData(), {pixels, width, height}, image);
    ImGui::DestroyContext(context);
    return image;
}

int distinctColours(const Image& image) {
    std::set<std::uint32_t> colours;
    for (size_t i = 0; i + 3 < image.rgba.size(); i += 4)
        colours.insert(image.rgba[i] << 16 | image.rgba[i + 1] << 8 | image.rgba[i + 2]);
    return static_cast<int>(colours.size());
}

int countNear(const Image& image, int r, int g, int b, int tolerance) {
    int count = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4)
        count += std::abs(image.rgba[i] - r) <= tolerance && std::abs(image.rgba[i + 1] - g) <= tolerance &&
                 std::abs(image.rgba[i + 2] - b) <= tolerance;
    return count;
}

HeadlessImGui::HeadlessImGui(int width, int height) : context(createFrameContext(width, height)) {
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &atlasWidth, &atlasHeight);
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

HeadlessImGui::~HeadlessImGui() { ImGui::DestroyContext(context); }

double samePixelShare(const Image& a, const Image& b) {
    REQUIRE(a.rgba.size() == b.rgba.size());
    size_t same = 0;
    for (size_t i = 0; i < a.rgba.size(); i += 4)
        same += std::equal(&a.rgba[i], &a.rgba[i] + 3, &b.rgba[i]);
    return double(same) / (a.rgba.size() / 4);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);)
        result.push_back(line);
    return result;
}

std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');)
        fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.push_back("");
    return fields;
}

Process::Process(const std::vector<std::string>& arguments, const std::vector<std::string>& environment) {
    std::vector<char*> argv;
    for (const auto& a : arguments)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // This environment with `environment`'s NAME=VALUE entries in place of the same names. A window
    // autosaves into a state folder of its own unless the test names one: it never touches the user's
    // ~/.local/state, and never meets a restore offer left by another test's killed window.
    std::vector<std::string> entries = environment;
    const auto named = [&](const std::string& name) {
        return std::any_of(entries.begin(), entries.end(),
                           [&](const std::string& e) { return e.rfind(name + "=", 0) == 0; });
    };
    static int processes = 0;
    if (!named("XDG_STATE_HOME"))
        entries.push_back("XDG_STATE_HOME=" + temporaryDirectory("state-" + std::to_string(++processes)));
    for (char** e = environ; *e; ++e) {
        const std::string entry = *e;
        if (!named(entry.substr(0, entry.find('=')))) entries.push_back(entry);
    }
    std::vector<char*> envp;
    for (auto& e : entries)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    if (posix_spawnp(&pid_, argv[0], nullptr, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
}

int Process::pid() const {
    return pid_;
}

Process::~Process() {
    if (running()) {
        kill(pid_, SIGKILL);
        wait(std::chrono::seconds(5));
    }
}

bool Process::running() {
    if (pid_ < 0 || exited_) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return false;
    }
    return true;
}

int Process::wait(std::chrono::milliseconds timeout) {
    waitUntil([this] { return !running(); }, timeout);
    return exited_ ? status_ : -1;
}

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

std::string temporaryDirectory(const std::string& name) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("gradscape-test-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

nlohmann::json readState(const std::string& statePath) {
    std::ifstream in(statePath);
    return nlohmann::json::parse(in, nullptr, false);
}

void xdotool(const std::string& arguments) {
    const CommandResult r = run("xdotool " + arguments);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
}

void pause(int milliseconds) {
    std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
}

bool waitForWindow(const std::string& statePath) {
    return waitUntil([&] { return std::filesystem::exists(statePath); }, std::chrono::seconds(90));
}

std::string statusIn(const std::string& statePath) {
    const nlohmann::json state = readState(statePath);
    return state.is_object() ? state.value("status", "") : "";
}

bool stateShows(const std::string& statePath, const std::function<bool(const nlohmann::json&)>& condition) {
    return waitUntil(
        [&] {
            const nlohmann::json state = readState(statePath);
            return state.is_object() && condition(state);
        },
        std::chrono::seconds(30));
}

void typePathIntoDialog(const std::string& shortcut, const std::string& path, const std::string& statePath,
                        const std::string& expectedStatus) {
    const auto shown = [&] { return statusIn(statePath).find(expectedStatus) != std::string::npos; };
    for (int attempt = 1; attempt <= 3; ++attempt) {
        xdotool("key " + shortcut);
        pause(500 * attempt);
        xdotool("key ctrl+a");
        xdotool("type --delay 20 '" + path + "'");
        pause(200);
        xdotool("key Return");
        if (waitUntil(shown, std::chrono::seconds(attempt == 3 ? 20 : 8))) return;
        MESSAGE("try " << attempt << " of the File dialog: status '" << statusIn(statePath) << "'");
        xdotool("key Escape");
        pause(500);
    }
    FAIL("the status never showed '" << expectedStatus << "': '" << statusIn(statePath) << "'");
}

}  // namespace gradscape::testing
