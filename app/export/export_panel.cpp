#include "export/export_panel.h"

#include "support/atomic_file.h"
#include "export/image_io.h"
#include "maps/map_csv.h"
#include "views/map_picture.h"
#include "frames/offscreen_renderer.h"
#include "race/race_replay.h"
#include "scene/trajectory_export.h"
#include "export/video_export.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace gradscape {
namespace {

constexpr std::pair<int, int> kPresets[] = {{1920, 1080}, {3840, 2160}};

std::string absolute(const std::string& path) {
    return std::filesystem::absolute(path).lexically_normal().string();
}

// "[width] x [height]": two whole-number boxes `itemWidth` pixels wide, the second labelled.
void sizeInputs(const char* widthId, const char* heightLabel, int& width, int& height, float itemWidth) {
    ImGui::SetNextItemWidth(itemWidth);
    ImGui::InputInt(widthId, &width, 0);
    ImGui::SameLine();
    ImGui::TextUnformatted("x");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(itemWidth);
    ImGui::InputInt(heightLabel, &height, 0);
}

std::string sizeText(int width, int height) {
    return std::to_string(width) + "x" + std::to_string(height);
}

// A session of its own for drawing the window's state offscreen: the same landscape, view, colours,
// views and overlays, but its own grid samplers and view box, so drawing at another size neither
// re-samples the window's grid nor reshapes its view. Its solver takes no steps: what it draws is the
// window's snapshot (its racers, not the newer ones toScene would read).
std::unique_ptr<Session> exportSession(const Session& session, const Snapshot& snapshot) {
    Scene scene = session.toScene();
    scene.optimizers.clear();
    for (const auto& path : snapshot.paths)
        scene.optimizers.push_back(path.settings);
    scene.steps = 0;
    scene.playing = false;
    auto copy = std::make_unique<Session>(scene);
    for (const auto& [id, colour] : session.race().colours)
        copy->setColour(id, colour);
    return copy;
}

}  // namespace

struct ExportPanel::Recording {
    std::unique_ptr<Session> session;
    std::shared_ptr<const Snapshot> race;  ///< The race as it was when recording began.
    std::string title;
    int nextFrame = 0;
    std::unique_ptr<OffscreenRenderer> renderer;
    std::unique_ptr<VideoEncoder> encoder;  // last: cancelled and joined before the renderer goes
};

ExportPanel::ExportPanel(std::string directory) : directory_(std::move(directory)) {}

ExportPanel::~ExportPanel() = default;

void ExportPanel::draw(Session& session, const Snapshot& snapshot) {
    const bool open = ImGui::CollapsingHeader("Export");
    session.recordControl("export");
    if (!open) return;
    ImGui::PushID("export");

    // The views as a PNG at a size of their own, with the legend and an optional title.
    const char* presetNames[] = {"1920x1080", "3840x2160", "custom"};
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        ImGui::RadioButton(presetNames[i], &sizePreset_, i);
        session.recordControl(std::string("export-size-") + presetNames[i]);
    }
    if (sizePreset_ == 2) {
        sizeInputs("##width", "##height", customWidth_, customHeight_, 120);
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    ImGui::InputTextWithHint("##title", "title over the views (optional)", title_, sizeof title_);
    session.recordControl("export-title");
    const auto [width, height] =
        sizePreset_ < 2 ? kPresets[sizePreset_] : std::pair{customWidth_, customHeight_};
    if (ImGui::Button(("PNG at " + sizeText(width, height)).c_str())) pngRequested_ = true;
    session.recordControl("export-png");

    if (ImGui::Button("Export paths as CSV")) savePaths(session, snapshot, false);
    session.recordControl("export-csv");
    ImGui::SameLine();
    if (ImGui::Button("as JSON")) savePaths(session, snapshot, true);
    session.recordControl("export-json");
    if (session.maps.shown) {
        if (ImGui::Button("Export the map as PNG")) saveMap(session, false);
        session.recordControl("export-map-png");
        ImGui::SameLine();
        if (ImGui::Button("as CSV")) saveMap(session, true);
        session.recordControl("export-map-csv");
    }

    // The race replayed from step 0 to the current step, through ffmpeg.
    if (!recording_) {
        sizeInputs("##video-width", "video size", videoWidth_, videoHeight_, 90);
        ImGui::SetNextItemWidth(90);
        ImGui::InputInt("frames", &videoFrames_, 0);
        session.recordControl("export-frames");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(70);
        ImGui::InputFloat("fps", &videoFps_, 0, 0, "%.0f");
        ImGui::RadioButton("MP4", &videoFormat_, 0);
        session.recordControl("export-mp4");
        ImGui::SameLine();
        ImGui::RadioButton("GIF", &videoFormat_, 1);
        session.recordControl("export-gif");
        ImGui::SameLine();
        if (ImGui::Button("Record video")) recordRequested_ = true;
        session.recordControl("export-record");
    } else {
        const VideoEncoder& encoder = *recording_->encoder;
        const int written = encoder.framesWritten(), count = encoder.frameCount();
        const std::string label = written < count
                                      ? "frame " + std::to_string(written) + " of " + std::to_string(count)
                                      : "finishing the file";
        ImGui::ProgressBar(static_cast<float>(written) / count, {ImGui::GetContentRegionAvail().x * 0.7f, 0},
                           label.c_str());
        session.recordControl("export-progress");
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) recording_->encoder->cancel();
        session.recordControl("export-cancel");
    }
    ImGui::PopID();
}

void ExportPanel::afterFrame(Session& session, const Snapshot& snapshot, const PlotsPanelState& plots) {
    if (pngRequested_) {
        pngRequested_ = false;
        savePng(session, snapshot, plots);
    }
    if (recordRequested_) {
        recordRequested_ = false;
        startRecording(session, snapshot, plots);
    }
    if (recording_) continueRecording(session);
}

void ExportPanel::savePaths(Session& session, const Snapshot& snapshot, bool json) {
    const RaceState& race = session.race();
    const std::string name = snapshot.problem                 ? snapshot.problem->name()
                             : race.landscapeName == "formula" ? race.formula
                                                               : race.landscapeName;
    try {
        // On a network race, each run on its plane with what the plane hides (refused while the plane lags).
        const std::vector<ExportedRun> runs = exportedRuns(snapshot);
        // Like every file the app writes (AtomicFile): a missing folder is refused and named, not created.
        const std::string path = timestampedPath(directory_, json ? "-paths.json" : "-paths.csv");
        replaceFile(path, [&](std::ostream& out) {
            if (json)
                writeJson(out, name, runs);
            else
                writeCsv(out, runs);
        });
        session.say(std::string("Saved the paths as ") + (json ? "JSON" : "CSV") + " to " + absolute(path));
    } catch (const std::exception& e) {
        session.say(std::string("Exporting the paths failed: ") + e.what(), true);
    }
}

void ExportPanel::saveMap(Session& session, bool csv) {
    // Every map shown: one racer's, or the basins of all racers side by side.
    std::vector<const MapResult*> maps;
    const MapProgressReport report = session.mapSampler.report();
    for (const std::shared_ptr<const MapResult>& map : report.maps)
        if (map) maps.push_back(map.get());
    if (maps.empty()) {
        session.say("No map yet to export: it is still being computed", true);
        return;
    }
    const MapResult& map = *maps.front();
    try {
        const std::string path = timestampedPath(directory_, csv ? "-map.csv" : "-map.png");
        if (csv) {
            replaceFile(path, [&](std::ostream& out) {
                if (maps.size() == 1)
                    writeMapCsv(out, map);
                else
                    writeMapsCsv(out, maps);
            });
        } else {
            // One block of pixels per cell, at least 512 a side, coloured as the panel shows it; several
            // maps side by side in the panel's order.
            const MapColouring colouring = map.request.kind == MapKind::Basins ? MapColouring::Minimum
                                           : session.maps.colouring == MapColouring::Minimum ? MapColouring::Loss
                                                                                              : session.maps.colouring;
            const int side = std::max(map.request.width, map.request.height);
            writePng(path, mapPictures(maps, colouring, std::max(1, (512 + side - 1) / side), 16));
        }
        const bool complete = std::all_of(maps.begin(), maps.end(), [](const MapResult* m) { return m->complete; });
        session.say(std::string("Saved ") + (maps.size() == 1 ? "the map (" : std::to_string(maps.size()) + " maps (") +
                    (complete ? "" : "coarse, ") + std::to_string(map.request.width) + "x" +
                    std::to_string(map.request.height) + " cells" + (maps.size() == 1 ? "" : " each") + ") to " +
                    absolute(path));
    } catch (const std::exception& e) {
        session.say(std::string("Exporting the map failed: ") + e.what(), true);
    }
}

void ExportPanel::savePng(Session& session, const Snapshot& snapshot, const PlotsPanelState& plots) {
    const auto [width, height] =
        sizePreset_ < 2 ? kPresets[sizePreset_] : std::pair{customWidth_, customHeight_};
    try {
        const auto copy = exportSession(session, snapshot);
        OffscreenRenderer renderer(width, height);
        renderer.plots() = plots;
        const Image image = renderer.render(*copy, snapshot, title_);
        const std::string path = timestampedPath(directory_, "-" + sizeText(width, height) + ".png");
        writePng(path, image);
        session.say("Saved a " + sizeText(width, height) + " PNG to " + absolute(path));
    } catch (const std::exception& e) {
        session.say(std::string("PNG export failed: ") + e.what(), true);
    }
}

void ExportPanel::startRecording(Session& session, const Snapshot& snapshot, const PlotsPanelState& plots) {
    try {
        if (std::string complaint = validateVideo(videoFrames_, videoFps_); !complaint.empty())
            throw std::invalid_argument(complaint.substr(2));  // "frames must be ...", not "--frames"
        auto recording = std::make_unique<Recording>();
        recording->race = session.snapshot();
        recording->session = exportSession(session, *recording->race);
        recording->title = title_;
        recording->renderer = std::make_unique<OffscreenRenderer>(videoWidth_, videoHeight_);
        recording->renderer->plots() = plots;
        // The grids for this size, sampled once for every frame.
        recording->renderer->render(*recording->session, *recording->race, recording->title);
        const std::string path = timestampedPath(directory_, videoFormat_ == 0 ? "-race.mp4" : "-race.gif");
        recording->encoder =
            std::make_unique<VideoEncoder>(path, videoWidth_, videoHeight_, videoFps_, videoFrames_);
        recording_ = std::move(recording);
        session.say("Recording " + std::to_string(videoFrames_) + " frames of steps 0 to " +
                    std::to_string(recording_->race->stepCount) + " to " + absolute(path));
    } catch (const std::exception& e) {
        session.say(std::string("Recording failed: ") + e.what(), true);
    }
}

void ExportPanel::continueRecording(Session& session) {
    Recording& r = *recording_;
    VideoEncoder& encoder = *r.encoder;
    switch (encoder.state()) {
        case VideoEncoder::State::Encoding:
            // One frame per window frame, and none while ffmpeg is behind: the window never waits.
            if (r.nextFrame < encoder.frameCount() && encoder.readyForFrame()) {
                const int step = replayStep(r.nextFrame, encoder.frameCount(), r.race->stepCount);
                r.renderer->drawFrame(*r.session, *snapshotAtStep(*r.race, step), r.title, true, r.race.get());
                encoder.addFrame(r.renderer->read());
                ++r.nextFrame;
            }
            return;
        case VideoEncoder::State::Done:
            session.say("Saved the video (" + std::to_string(encoder.frameCount()) + " frames) to " +
                        absolute(encoder.path()));
            break;
        case VideoEncoder::State::Failed:
            session.say("Recording failed: " + encoder.error(), true);
            break;
        case VideoEncoder::State::Cancelled:
            session.say("Recording cancelled; no video was written.");
            break;
    }
    recording_.reset();
}

}  // namespace gradscape
