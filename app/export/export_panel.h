#pragma once
// The window's Export section: the views as a PNG at a size of their own (not a screenshot scaled), the
// paths as CSV or JSON, and the race replayed as an MP4 or GIF, with a progress bar and a Cancel button.
// Files go next to the screenshots, named with a timestamp; the status line says where.

#include "panels/plots_panel.h"
#include "session.h"

#include <memory>
#include <string>

namespace gradscape {

class OffscreenRenderer;
class VideoEncoder;

/// Lives in the window's GL context (its renderers draw there, in ImGui contexts of their own).
class ExportPanel {
  public:
    explicit ExportPanel(std::string directory);
    ~ExportPanel();
    ExportPanel(const ExportPanel&) = delete;
    ExportPanel& operator=(const ExportPanel&) = delete;

    /// Draws the section into the current ImGui window. CSV and JSON are written at once; a PNG or a
    /// video is left for afterFrame.
    void draw(Session& session, const Snapshot& snapshot);
    /// Called once per window frame, after the window is drawn: renders a requested PNG, or the next
    /// frame of a recording (one per window frame, so the window stays responsive while ffmpeg encodes).
    /// The plots are drawn at the scales the window's plots show (`plots`).
    void afterFrame(Session& session, const Snapshot& snapshot, const PlotsPanelState& plots);
    /// Whether a video is being recorded.
    bool recording() const { return recording_ != nullptr; }

  private:
    struct Recording;
    void savePaths(Session& session, const Snapshot& snapshot, bool json);
    /// The map panel's latest map, as its picture (PNG) or one row per cell (CSV).
    void saveMap(Session& session, bool csv);
    void savePng(Session& session, const Snapshot& snapshot, const PlotsPanelState& plots);
    void startRecording(Session& session, const Snapshot& snapshot, const PlotsPanelState& plots);
    void continueRecording(Session& session);

    std::string directory_;
    int sizePreset_ = 0;  ///< 0: 1920x1080, 1: 3840x2160, 2: custom.
    int customWidth_ = 2560, customHeight_ = 1440;
    char title_[200] = "";
    bool pngRequested_ = false;
    int videoWidth_ = 1280, videoHeight_ = 720, videoFrames_ = 120;
    float videoFps_ = 30;
    int videoFormat_ = 0;  ///< 0: MP4, 1: GIF.
    bool recordRequested_ = false;
    std::unique_ptr<Recording> recording_;
};

}  // namespace gradscape
