// The two ways a network race leaves gradscape as data agree: `gradscape run --plane` (every step's loss, the
// kept iterates' plane coordinates, distance and plane loss) and the window's export of the same race
// (exportedRuns of its session's snapshot, written by writeCsv and writeJson), row by row; `run --format json
// --plane` is that export byte for byte.

#include "cli_parse.h"
#include "scene/trajectory_export.h"
#include "session.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

// The session the window would have for this `gradscape run` race: the same network, plane and racers, its
// steps taken, paused.
std::unique_ptr<Session> windowRaceFor(const std::string& runArguments) {
    std::vector<std::string> words{"run"};
    std::stringstream in(runArguments);
    for (std::string word; in >> word;)
        words.push_back(word);
    const ParsedCommand parsed = parseCommandLine(words);
    REQUIRE(parsed.action == ParsedCommand::Action::Run);
    const RunOptions& run = parsed.run;
    Scene scene = defaultScene();
    scene.problem = run.problem.spec;
    scene.plane = *run.problem.plane;
    scene.optimizers = racersFromSpecs(run.optimizers, run.common, Vec2::Zero());
    scene.steps = run.steps;
    scene.playing = false;
    return std::make_unique<Session>(scene);
}

// Every row of `gradscape run --plane`'s CSV by (id, step): loss, x, y, distance, plane_loss.
std::map<std::pair<std::string, std::string>, std::vector<std::string>> runRows(const std::string& csv) {
    const std::vector<std::string> rows = lines(csv);
    REQUIRE(!rows.empty());
    REQUIRE(rows[0] == "id,optimizer,step,loss,x,y,distance,plane_loss");
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> byStep;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto f = csvFields(rows[r]);
        REQUIRE(f.size() == 8);
        byStep[{f[0], f[2]}] = {f[3], f[4], f[5], f[6], f[7]};
    }
    return byStep;
}

// Compares the window's export with run's rows; returns how many rows had the plane's loss in both.
int compareExport(const std::string& exported, const std::map<std::pair<std::string, std::string>,
                                                               std::vector<std::string>>& fromRun) {
    const std::vector<std::string> rows = lines(exported);
    REQUIRE(rows[0] == "optimizer,id,label,step,x,y,loss,plane_loss,distance,plane,plane_seed,plane_a,plane_b");
    int withPlaneLoss = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        CAPTURE(rows[r]);
        const auto f = csvFields(rows[r]);
        REQUIRE(f.size() >= 9);
        const auto found = fromRun.find({f[1], f[3]});
        REQUIRE(found != fromRun.end());
        const std::vector<std::string>& run = found->second;  // loss, x, y, distance, plane_loss
        CHECK(f[6] == run[0]);
        CHECK(f[4] == run[1]);
        CHECK(f[5] == run[2]);
        CHECK(f[8] == run[3]);
        // The window computes the plane's loss under at most 256 iterates of a path; where it did, the same.
        if (!f[7].empty()) {
            CHECK(f[7] == run[4]);
            ++withPlaneLoss;
        }
    }
    return withPlaneLoss;
}

}  // namespace

TEST_CASE("run --plane and the window's export of the same network race agree row for row") {
    const std::string race = "--problem mlp --layers 2,4,1 --data moons --samples 32 --seed 3 --optimizer gd:lr=0.5 "
                             "--optimizer adam:lr=0.05 --steps 40 --plane pca";
    const CommandResult run = runData(race);
    REQUIRE(run.exitStatus == 0);
    const auto fromRun = runRows(run.output);
    CHECK(fromRun.size() == 2 * 41);

    const auto session = windowRaceFor(race);
    const auto snapshot = session->sync();
    const std::vector<ExportedRun> runs = exportedRuns(*snapshot);
    std::ostringstream csv;
    writeCsv(csv, runs);
    CHECK(lines(csv.str()).size() == 1 + 2 * 41);
    // Every iterate is kept and has the plane's loss under it on a race this short.
    CHECK(compareExport(csv.str(), fromRun) == 2 * 41);

    // run --format json is the window's JSON export of the race, byte for byte.
    const CommandResult json = runData(race + " --format json");
    REQUIRE(json.exitStatus == 0);
    std::ostringstream exported;
    writeJson(exported, snapshot->problem->name(), runs);
    CHECK(json.output == exported.str());
}

TEST_CASE("on a long network race the export's steps are the kept iterates' true steps, as run prints them") {
    // 4417 parameters: at most about 950 iterates are kept, so of 2500 steps only every few.
    const std::string race = "--problem mlp --layers 2,64,64,1 --data moons --samples 16 --seed 3 "
                             "--optimizer gd:lr=0.1 --steps 2500 --plane random --plane-seed 4";
    const CommandResult run = runData(race);
    REQUIRE(run.exitStatus == 0);
    const auto fromRun = runRows(run.output);
    // run prints a row per step, with coordinates on the kept ones only.
    CHECK(fromRun.size() == 2501);
    CHECK(fromRun.at({"1", "1"})[1].empty());

    const auto session = windowRaceFor(race);
    std::ostringstream csv;
    writeCsv(csv, exportedRuns(*session->sync()));
    const std::vector<std::string> rows = lines(csv.str());
    REQUIRE(rows.size() > 3);
    CHECK(rows.size() < 1000);
    const long stride = std::stol(csvFields(rows[2])[3]);
    CHECK(stride > 1);
    CHECK(std::stol(csvFields(rows.back())[3]) == static_cast<long>(rows.size() - 2) * stride);
    const int withPlaneLoss = compareExport(csv.str(), fromRun);
    CHECK(withPlaneLoss > 200);
    CHECK(withPlaneLoss <= 256);
}

TEST_CASE("run --format json on a network needs --plane and no sharpness column") {
    const std::string race = "--problem mlp --layers 2,4,1 --data moons --samples 32 --optimizer gd --steps 3";
    for (auto [arguments, why] : {
             std::pair{race + " --format json", "--format json: a network race's JSON is its paths on a plane"},
             {race + " --format json --plane pca --sharpness-every 2", "--sharpness-every: a column of the CSV"},
         }) {
        CAPTURE(arguments);
        const CommandResult r = run(std::string(executable()) + " run " + arguments + " 2>&1");
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(why) != std::string::npos);
    }
}
