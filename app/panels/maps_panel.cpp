#include "panels/maps_panel.h"

#include "optimizers/racer_labels.h"
#include "palette.h"
#include "theme.h"
#include "maps/map_theory.h"
#include "scene/scene.h"
#include "views/map_picture.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace gradscape {
namespace {

constexpr float kControlsWidth = 250, kLegendWidth = 230;

std::string shortValue(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

// Where a value sits across an axis drawn over `length` pixels from its min.
float pixelAlong(const MapAxis& axis, double value, int cells, float length) {
    return static_cast<float>(axis.cellOf(value, cells) / cells) * length;
}

// The colouring the picture uses: basins always by the minimum; a parameter map never by it.
MapColouring colouringFor(const MapSettings& m) {
    if (m.kind == MapKind::Basins) return MapColouring::Minimum;
    return m.colouring == MapColouring::Minimum ? MapColouring::Loss : m.colouring;
}

void axisControls(Session& session, const OptimizerSettings& racer, MapAxis& axis, const MapAxis& shown,
                  const char* which) {
    ImGui::PushID(which);
    const std::vector<std::string> names = mappableParameters(racer);
    ImGui::SetNextItemWidth(110);
    if (ImGui::BeginCombo(which, shown.name.c_str())) {
        for (const std::string& name : names)
            if (ImGui::Selectable(name.c_str(), name == shown.name)) axis = suggestedMapAxis(racer, name);
        ImGui::EndCombo();
    }
    if (axis.name.empty()) axis = shown;
    ImGui::SameLine();
    ImGui::Checkbox("log", &axis.log);
    double range[2] = {axis.min, axis.max};
    ImGui::SetNextItemWidth(kControlsWidth - 20);
    if (ImGui::InputScalarN("##range", ImGuiDataType_Double, range, 2, nullptr, nullptr, "%.4g",
                            ImGuiInputTextFlags_EnterReturnsTrue))
        axis.min = range[0], axis.max = range[1];
    session.recordControl(std::string("map-axis-") + which);
    ImGui::PopID();
}

void drawControls(Session& session, const Snapshot& snapshot, const std::vector<OptimizerSettings>& racers,
                  const OptimizerSettings& racer, const MapRequest& request, const MapProgressReport& report) {
    MapSettings& m = session.maps;
    ImGui::PushItemWidth(kControlsWidth - 90);
    if (ImGui::BeginCombo("map", labelOf(kMapKinds, m.kind))) {
        for (const auto& kind : kMapKinds)
            if (ImGui::Selectable(kind.label, kind.value == m.kind)) m.kind = kind.value;
        ImGui::EndCombo();
    }
    session.recordControl("map-kind");
    if (m.kind == MapKind::Basins) {
        ImGui::Checkbox("all racers", &m.allRacers);
        session.recordControl("map-all-racers");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("every enabled racer's basins side by side (small multiples)");
    }
    if (m.kind != MapKind::Basins || !m.allRacers) {
        const std::vector<std::string> labels = racerLabels(racers);
        const auto at = std::find_if(racers.begin(), racers.end(), [&](const auto& r) { return r.id == racer.id; });
        if (ImGui::BeginCombo("racer", labels[size_t(at - racers.begin())].c_str())) {
            for (size_t i = 0; i < racers.size(); ++i)
                if (racers[i].enabled && ImGui::Selectable(labels[i].c_str(), racers[i].id == racer.id)) {
                    m.racerId = racers[i].id;
                    m.x.name.clear(), m.y.name.clear();  // the new racer's own default axes
                }
            ImGui::EndCombo();
        }
        session.recordControl("map-racer");
    }
    if (m.kind == MapKind::Parameters) {
        if (ImGui::BeginCombo("colour", labelOf(kMapColourings, colouringFor(m)))) {
            for (const auto& c : kMapColourings)
                if (c.value != MapColouring::Minimum && ImGui::Selectable(c.label, c.value == colouringFor(m)))
                    m.colouring = c.value;
            ImGui::EndCombo();
        }
        axisControls(session, racer, m.x, request.x, "x");
        axisControls(session, racer, m.y, request.y, "y");
    }
    int size = m.size;
    if (ImGui::SliderInt("cells", &size, 16, 512, "%d", ImGuiSliderFlags_Logarithmic)) m.size = size;
    int steps = m.steps;
    if (ImGui::InputInt("steps", &steps, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue)) m.steps = std::max(0, steps);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("steps of every cell's run; 0: the race's (%d)", snapshot.stepCount);
    double tolerance = m.tolerance;
    if (ImGui::InputDouble("tol", &tolerance, 0, 0, "%.3g", ImGuiInputTextFlags_EnterReturnsTrue) && tolerance > 0)
        m.tolerance = tolerance;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("distance to a known minimum that counts as there");
    ImGui::PopItemWidth();
    if (!report.error.empty()) errorText(report.error);
    if (report.working) {
        char overlay[48];
        std::snprintf(overlay, sizeof overlay, "computing %.0f%%", 100 * report.done);
        ImGui::ProgressBar(static_cast<float>(report.done), {kControlsWidth - 10, 0}, overlay);
    } else if (snapshot.playing) {
        ImGui::TextDisabled("paused while the race plays");
    }
    session.recordControl("map-progress");
}

// What a cell's run did, in words.
std::string describe(const MapResult& map, const MapCell& c, int i, int j, const Landscape& landscape) {
    const MapRequest& r = map.request;
    std::string text = r.x.name + " = " + shortValue(r.x.valueAt(i, r.width)) + ", " + r.y.name + " = " +
                       shortValue(r.y.valueAt(j, r.height)) + "\n";
    if (c.diverged) {
        text += "diverged at step " + std::to_string(c.stepsRun + 1);
    } else if (c.minimum >= 0) {
        const Vec2& m = landscape.knownMinima()[size_t(c.minimum)];
        text += "reaches minimum (" + shortValue(m.x()) + ", " + shortValue(m.y()) + ") to within " +
                shortValue(r.tolerance) + " from step " + std::to_string(c.steps);
    } else {
        text += "no known minimum within " + shortValue(r.tolerance) + " after " + std::to_string(c.stepsRun) + " steps";
    }
    text += "\nfinal loss " + shortValue(c.finalLoss);
    if (std::isfinite(c.rate)) text += "\ncontraction rate " + shortValue(c.rate) + " per step";
    return text;
}

void drawLegend(const MapResult& map, MapColouring colouring, const Landscape& landscape, int linesBelow) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const auto swatch = [&](std::uint32_t rgb, const std::string& text) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        list->AddRectFilled({p.x, p.y + 2}, {p.x + 14, p.y + line - 4},
                            IM_COL32(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF, 255));
        ImGui::SetCursorScreenPos({p.x + 20, p.y});
        ImGui::TextUnformatted(text.c_str());
    };
    if (colouring == MapColouring::Minimum) {
        const auto& minima = landscape.knownMinima();
        for (size_t k = 0; k < minima.size() && k < 8; ++k) {
            const ImU32 c = paletteColour(int(k));
            swatch((c & 0xFF) << 16 | ((c >> 8) & 0xFF) << 8 | ((c >> 16) & 0xFF),
                   "(" + shortValue(minima[k].x()) + ", " + shortValue(minima[k].y()) + ")");
        }
        swatch(0x808080, "no known minimum");
        swatch(0x000000, "diverged");
        ImGui::TextDisabled("darker: more steps to arrive");
        return;
    }
    const MapScale scale = mapScale(map, colouring);
    ImGui::TextUnformatted(scale.quantity.c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float height = std::max(40.0f, ImGui::GetContentRegionAvail().y - (2 + linesBelow) * line - 8);
    const bool brighterIsLower = colouring != MapColouring::Loss;
    for (int k = 0; k < 32; ++k) {
        const double t = (k + 0.5) / 32;  // from the top
        MapCell cell;
        cell.minimum = 0;
        const double value = brighterIsLower ? scale.low + t * (scale.high - scale.low) : scale.high - t * (scale.high - scale.low);
        cell.steps = static_cast<int>(value);
        cell.rate = value;
        cell.finalLoss = std::pow(10.0, value) + scale.lowest;
        const std::uint32_t rgb = mapCellColour(map, cell, colouring, scale);
        list->AddRectFilled({p.x, p.y + height * k / 32}, {p.x + 14, p.y + height * (k + 1) / 32 + 1},
                            IM_COL32(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF, 255));
    }
    const double top = brighterIsLower ? scale.low : scale.high, bottom = brighterIsLower ? scale.high : scale.low;
    list->AddText({p.x + 20, p.y}, ImGui::GetColorU32(ImGuiCol_Text), shortValue(top).c_str());
    list->AddText({p.x + 20, p.y + height - ImGui::GetFontSize()}, ImGui::GetColorU32(ImGuiCol_Text),
                  shortValue(bottom).c_str());
    ImGui::SetCursorScreenPos({p.x, p.y + height + 4});
    swatch(0xd62728, "diverged");
    if (colouring == MapColouring::Steps) swatch(0x808080, "never within tol");
}

// Tuning: started on a thread of its own; when done, every tuned racer takes its setting, named for what
// was tuned and how, in one new race.
void tuningControls(Session& session, const Snapshot& snapshot, const std::vector<OptimizerSettings>& racers,
                    MapsPanelState& state, int steps) {
    if (state.tuning.valid()) {
        if (state.tuning.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            ImGui::TextDisabled("tuning every racer...");
            return;
        }
        std::vector<TuneResult> results;
        try {
            results = state.tuning.get();
        } catch (const std::exception& e) {
            session.say(std::string("Tuning failed: ") + e.what(), true);
            return;
        }
        Scene scene = session.toScene();
        for (OptimizerSettings& o : scene.optimizers)
            for (const TuneResult& r : results)
                if (r.tuned.id == o.id) {
                    o.hyperparameters = r.tuned.hyperparameters;
                    o.label = optimizerInfo(o.kind).title + " (" + r.summary + ")";
                }
        session.replaceScene(scene);
        session.say("Tuned " + std::to_string(results.size()) + " racers: " +
                    (results.empty() ? std::string() : results.front().summary.substr(results.front().summary.find(" by ") + 1)));
        return;
    }
    if (ImGui::Button("Tune every racer")) {
        std::vector<OptimizerSettings> tunable;
        for (const OptimizerSettings& r : racers)
            if (r.enabled && !tunedParameters(r).empty()) tunable.push_back(r);
        const TuneCriterion criterion = state.criterion;
        const double tolerance = session.maps.tolerance;
        state.tuning = std::async(std::launch::async, [landscape = snapshot.landscape, tunable, criterion, steps, tolerance] {
            std::vector<TuneResult> results;
            for (const OptimizerSettings& r : tunable) {
                TuneRequest request;
                request.racer = r;
                request.steps = steps;
                request.tolerance = tolerance;
                request.criterion = criterion;
                results.push_back(tune(*landscape, request, 2));
            }
            return results;
        });
    }
    session.recordControl("map-tune");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("each racer's best lr (and momentum, beta1 or alpha) within %d steps from its start, "
                          "by the criterion on the right", steps);
    ImGui::SameLine();
    int criterion = state.criterion == TuneCriterion::FinalLoss ? 0 : 1;
    ImGui::SetNextItemWidth(90);
    if (ImGui::Combo("##criterion", &criterion, "final loss\0steps\0"))
        state.criterion = criterion == 0 ? TuneCriterion::FinalLoss : TuneCriterion::Steps;
}

// One map drawn at `corner`, `width` x `height` pixels, for `racer` (the racer it follows, as it is now):
// the picture, its axes, the racer's own start or setting, and (for one racer's map) the theory; hovering
// shows a cell's run, a click or drag moves the racer. `tile` tells small multiples apart.
void drawMap(Session& session, const Snapshot& snapshot, MapsPanelState& state, int tile,
             const std::shared_ptr<const MapResult>& map, const OptimizerSettings& racer, ImVec2 corner, float width,
             float height, const MapTheory* theory) {
    const MapRequest& r = map->request;
    ImGui::SetCursorScreenPos(corner);
    ImGui::PushID(tile);
    ImGui::Image(state.textures[size_t(tile)]->id(), {width, height});
    ImGui::PopID();
    session.recordControl(tile == 0 ? "map-image" : "map-image-" + std::to_string(tile));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    // The axes: their ends and names.
    list->AddText({corner.x, corner.y + height + 2}, text, shortValue(r.x.min).c_str());
    const std::string xName = r.x.name + (r.x.log ? " (log)" : ""), xMax = shortValue(r.x.max);
    list->AddText({corner.x + width / 2 - ImGui::CalcTextSize(xName.c_str()).x / 2, corner.y + height + 2}, text, xName.c_str());
    list->AddText({corner.x + width - ImGui::CalcTextSize(xMax.c_str()).x, corner.y + height + 2}, text, xMax.c_str());
    const std::string yMax = shortValue(r.y.max), yMin = shortValue(r.y.min), yName = r.y.name + (r.y.log ? " (log)" : "");
    list->AddText({corner.x - 4 - ImGui::CalcTextSize(yMax.c_str()).x, corner.y}, text, yMax.c_str());
    list->AddText({corner.x - 4 - ImGui::CalcTextSize(yMin.c_str()).x, corner.y + height - ImGui::GetFontSize()}, text,
                  yMin.c_str());
    list->AddText({corner.x - 4 - ImGui::CalcTextSize(yName.c_str()).x, corner.y + height / 2}, text, yName.c_str());

    // The racer's own start or setting, where the map puts it.
    const double ownX = r.kind == MapKind::Basins ? racer.start.x() : mappedParameter(racer, r.x.name);
    const double ownY = r.kind == MapKind::Basins ? racer.start.y() : mappedParameter(racer, r.y.name);
    const ImVec2 own(corner.x + pixelAlong(r.x, ownX, r.width, width),
                     corner.y + height - pixelAlong(r.y, ownY, r.height, height));
    list->PushClipRect(corner, {corner.x + width, corner.y + height}, true);
    // What theory says, over what was measured.
    const auto toScreen = [&](const Vec2& v) {
        return ImVec2(corner.x + pixelAlong(r.x, v.x(), r.width, width), corner.y + height - pixelAlong(r.y, v.y(), r.height, height));
    };
    if (theory) {
        for (const TheoryCurve& curve : theory->curves) {
            std::vector<ImVec2> points;
            for (const Vec2& v : curve.points)
                points.push_back(toScreen(v));
            if (points.size() < 2) continue;
            const float thickness = curve.boundary ? 3 : 2;
            list->AddPolyline(points.data(), int(points.size()), IM_COL32(0, 0, 0, 220), 0, thickness + 2);
            list->AddPolyline(points.data(), int(points.size()),
                              curve.boundary ? IM_COL32(255, 255, 255, 255) : IM_COL32(255, 255, 255, 150), 0, thickness);
        }
        if (theory->optimum) {
            const ImVec2 o = toScreen(*theory->optimum);
            const ImVec2 diamond[4] = {{o.x, o.y - 7}, {o.x + 7, o.y}, {o.x, o.y + 7}, {o.x - 7, o.y}};
            list->AddConvexPolyFilled(diamond, 4, IM_COL32(255, 255, 255, 255));
            list->AddPolyline(diamond, 4, IM_COL32(0, 0, 0, 255), ImDrawFlags_Closed, 2);
        }
    }
    list->AddCircle(own, 7, IM_COL32(0, 0, 0, 255), 0, 4);
    list->AddCircle(own, 7, IM_COL32(255, 255, 255, 255), 0, 2);
    list->PopClipRect();

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int i = std::clamp(static_cast<int>((mouse.x - corner.x) / width * r.width), 0, r.width - 1);
    const int j = std::clamp(r.height - 1 - static_cast<int>((mouse.y - corner.y) / height * r.height), 0, r.height - 1);
    if (hovered) ImGui::SetTooltip("%s", describe(*map, map->at(i, j), i, j, *snapshot.landscape).c_str());
    if (hovered && (map != state.ghostMap || i != state.ghostI || j != state.ghostJ)) {
        state.ghostMap = map, state.ghostI = i, state.ghostJ = j;
        // The cell's run, as a ghost on the contour view (at most 100,000 steps of it).
        OptimizerSettings cell = cellRacer(r, i, j);
        cell.start = r.kind == MapKind::Basins ? cell.start : racer.start;
        auto optimizer = makeOptimizer(cell.kind, cell.hyperparameters);
        Trajectory run = startTrajectory(*snapshot.landscape, cell.start);
        advanceTrajectory(run, *optimizer, *snapshot.landscape, std::min(r.steps, 100'000));
        session.layout.mapGhost = run.points.toVector();
        session.layout.mapGhostColour = session.colourOf(racer.id);
    }
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) state.dragging = true, state.draggingTile = tile;
    if (state.dragging && state.draggingTile == tile) {
        // The exact value under the mouse (not the cell's centre): the racer follows the hand.
        const double u = std::clamp((mouse.x - corner.x) / width, 0.0f, 1.0f), v = std::clamp(1 - (mouse.y - corner.y) / height, 0.0f, 1.0f);
        const double x = r.x.valueAtFraction(u), y = r.y.valueAtFraction(v);
        if (r.kind == MapKind::Basins) {
            session.moveStart(racer.id, Vec2(x, y));
            state.dragging = false;  // a click moves the start once
        } else {
            OptimizerSettings moved = racer;
            setMappedParameter(moved, r.x.name, x);
            setMappedParameter(moved, r.y.name, y);
            if (validate(moved.hyperparameters).empty() && !(moved.hyperparameters == racer.hyperparameters))
                session.setHyperparameters(racer.id, moved.hyperparameters);
        }
    }
}

// Where the tiles of `count` maps of this aspect (width / height) go in a room of `room` pixels: the
// column count that makes them largest, and their size.
struct TileLayout {
    int columns = 1;
    float width = 0, height = 0;
};

TileLayout layTiles(int count, double aspect, ImVec2 room, float labelHeight, float gap) {
    TileLayout best;
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        float w = (room.x - gap * float(columns - 1)) / float(columns);
        float h = (room.y - gap * float(rows - 1)) / float(rows) - labelHeight;
        if (w <= 0 || h <= 0) continue;
        if (w / h > aspect)
            w = static_cast<float>(h * aspect);
        else
            h = static_cast<float>(w / aspect);
        if (w * h > best.width * best.height) best = {columns, w, h};
    }
    return best;
}

}  // namespace

void drawMapsPanel(Session& session, const Snapshot& snapshot, MapsPanelState& state) {
    session.recordControl("maps-panel");
    std::vector<OptimizerSettings> racers;
    for (const PathSnapshot& path : snapshot.paths)
        racers.push_back(path.settings);
    const std::vector<const OptimizerSettings*> mapped = mappedRacers(session.maps, racers);
    if (mapped.empty()) {
        ImGui::TextDisabled("No enabled racer to map.");
        return;
    }
    const OptimizerSettings& racer = *mapped.front();
    std::vector<MapRequest> requests;
    // Basins over the box the contour view shows (drawn before this panel in the same frame), its aspect
    // fitted; with the surface alone, over the box asked for.
    const bool contourShown = session.viewSettings.mode != ViewMode::Surface && session.layout.contourArea.width > 0;
    const ViewBox& visible = contourShown ? session.layout.contourArea.view : session.viewBox;
    for (const OptimizerSettings* r : mapped)
        requests.push_back(mapRequestFor(session.maps, *r, visible, snapshot.stepCount));
    // A race that plays changes its step count every frame: the map waits for it to stop.
    if (!snapshot.playing && snapshot.complete) session.mapSampler.request(snapshot.landscape, requests);
    const MapProgressReport report = session.mapSampler.report();

    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    ImGui::BeginGroup();
    drawControls(session, snapshot, racers, racer, requests.front(), report);
    tuningControls(session, snapshot, racers, state, requests.front().steps);
    ImGui::EndGroup();

    const MapColouring colouring = colouringFor(session.maps);
    // The maps to show: of the racers still here, the latest computed of each.
    std::vector<std::pair<std::shared_ptr<const MapResult>, const OptimizerSettings*>> shown;
    for (const std::shared_ptr<const MapResult>& map : report.maps)
        for (const OptimizerSettings& r : racers)
            if (map && r.id == map->request.racer.id && r.enabled) shown.emplace_back(map, &r);
    if (shown.empty()) {
        session.layout.mapGhost.clear();
        return;
    }
    state.textures.resize(std::max(state.textures.size(), shown.size()));
    state.shown.resize(state.textures.size());
    for (size_t k = 0; k < shown.size(); ++k) {
        if (!state.textures[k]) state.textures[k] = std::make_unique<ImageTexture>();
        if (shown[k].first != state.shown[k] || colouring != state.shownColouring) {
            state.textures[k]->upload(mapPicture(*shown[k].first, colouring, 1));
            state.shown[k] = shown[k].first;
        }
    }
    state.shownColouring = colouring;
    const MapRequest& r = shown.front().first->request;
    // A basin map keeps the plane's proportions (x and y in the same units); a parameter map is square.
    const double aspect = r.kind == MapKind::Basins ? (r.x.max - r.x.min) / (r.y.max - r.y.min) : 1.0;
    const bool multiples = shown.size() > 1;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 room(std::max(32.0f, avail.x - kControlsWidth - kLegendWidth - 60),
                      std::max(32.0f, avail.y - line));
    const float gap = 56;  // room for the next tile's y labels
    const TileLayout tiles = layTiles(int(shown.size()), aspect, room, multiples ? line : 0, gap);
    if (tiles.width <= 0) return;
    const ImVec2 topLeft(origin.x + kControlsWidth + 50, origin.y);
    const std::optional<MapTheory> theory = multiples ? std::nullopt : mapTheory(*snapshot.landscape, r);
    bool anyHovered = false;
    for (size_t k = 0; k < shown.size(); ++k) {
        const int column = int(k) % tiles.columns, row = int(k) / tiles.columns;
        ImVec2 corner(topLeft.x + column * (tiles.width + gap), topLeft.y + row * (tiles.height + line + gap));
        if (multiples) {
            // The racer's name in its colour above its tile.
            const std::vector<std::string> labels = racerLabels(racers);
            const size_t at = size_t(shown[k].second - racers.data());
            ImGui::GetWindowDrawList()->AddText(corner, session.colourOf(shown[k].second->id), labels[at].c_str());
            corner.y += line;
        }
        drawMap(session, snapshot, state, int(k), shown[k].first, *shown[k].second, corner, tiles.width, tiles.height,
                theory ? &*theory : nullptr);
        anyHovered = anyHovered || ImGui::IsItemHovered();
    }
    if (!anyHovered) {
        session.layout.mapGhost.clear();
        state.ghostMap.reset();
    }
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) state.dragging = false;
    const float right = topLeft.x + tiles.columns * tiles.width + (tiles.columns - 1) * gap;
    ImGui::SetCursorScreenPos({right + 16, origin.y});
    ImGui::BeginGroup();
    drawLegend(*shown.front().first, colouring, *snapshot.landscape,
               theory ? int(theory->curves.size()) + (theory->optimum ? 3 : 2) : 0);
    if (theory) {
        ImGui::Separator();
        ImGui::Text("theory (λ = %s .. %s)", shortValue(theory->lambdaMin).c_str(), shortValue(theory->lambdaMax).c_str());
        for (const TheoryCurve& curve : theory->curves)
            ImGui::BulletText("%s%s", curve.label.c_str(), curve.boundary ? " (stability edge)" : "");
        if (theory->optimum)
            ImGui::BulletText("◆ %s = (%s, %s), rate %s", theory->optimumLabel.c_str(), shortValue(theory->optimum->x()).c_str(),
                              shortValue(theory->optimum->y()).c_str(), shortValue(theory->optimalRate).c_str());
    }
    ImGui::EndGroup();
}

}  // namespace gradscape
