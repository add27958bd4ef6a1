#pragma once
// The command-line options that say what is shown, shared by `render` and the window: --view, --region,
// --camera, --overlays and --taylor-centre, read with the same checks as a scene's view. No GL.

#include "commands/command_cli.h"
#include "view/camera.h"
#include "view/view_settings.h"

#include <string>
#include <vector>

namespace gradscape {

/// "XMIN,XMAX,YMIN,YMAX" as the region of the plane a view shows, refused (CLI::ValidationError naming
/// --region) unless it is four finite numbers in order that checkViewBox accepts.
ViewBox parseRegion(const std::string& text);

/// "YAW,PITCH,DISTANCE[,TX,TY,TZ[,FOV]]" as the 3D camera, refused (CLI::ValidationError naming
/// --camera) outside the ranges a scene allows.
OrbitCamera parseCamera(const std::string& text);

/// Adds --overlays to `app`: comma-separated words of kOverlayNames, into `words`.
CLI::Option* addOverlaysOption(CLI::App& app, std::vector<std::string>& words);

/// The overlays the --overlays words turn on (every other switch off, the Taylor centre at the origin).
Overlays parseOverlays(const std::vector<std::string>& words);

}  // namespace gradscape
