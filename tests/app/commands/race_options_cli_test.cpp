// Every setting from scripts: per-racer specs, landscape parameters and regularization on `run` and
// `render`, and racers told apart by id and label in the CSV.

#include "commands/render_command.h"
#include "scene/scene_file.h"
#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

// x, y and loss: the last three fields of a row.
std::array<double, 3> tail(const std::string& row) {
    std::array<double, 3> v{};
    size_t end = row.size();
    for (int i = 2; i >= 0; --i) {
        const size_t comma = row.rfind(',', end - 1);
        v[i] = std::stod(row.substr(comma + 1, end - comma - 1));
        end = comma;
    }
    return v;
}

}  // namespace

TEST_CASE("run: two racers of one kind with their own settings, told apart by id and label") {
    const CommandResult r = runData(
        "--landscape quadratic --start 1,1 --steps 2 --optimizer gd:lr=0.095 --optimizer gd:lr=0.105");
    REQUIRE(r.exitStatus == 0);
    const auto rows = lines(r.output);
    REQUIRE(rows.size() == 1 + 2 * 3);
    CHECK(rows[0] == "optimizer,id,label,step,x,y,loss");
    CHECK(rows[1].rfind("gd,1,Gradient descent (η=0.095),0,1,1,", 0) == 0);
    CHECK(rows[4].rfind("gd,2,Gradient descent (η=0.105),0,1,1,", 0) == 0);
    // Each racer's first step by hand: x1 = x0 - eta grad f(x0).
    const auto landscape = makeLandscape("quadratic");
    for (const auto& [row, eta] : {std::pair{rows[2], 0.095}, std::pair{rows[5], 0.105}}) {
        const Vec2 x1 = Vec2(1, 1) - eta * landscape->gradientAt({1, 1});
        const auto v = tail(row);
        CHECK(v[0] == x1.x());
        CHECK(v[1] == x1.y());
    }
}

TEST_CASE("run: a label with a comma is quoted, a later key overrides, racer keys override global options") {
    const CommandResult r = runData(
        "--landscape quadratic --steps 1 --lr 0.2 --optimizer 'gd:label=slow \"GD\"' "
        "--optimizer adam:lr=0.5,lr=0.01 --optimizer momentum --optimizer adam:weight-decay=0.3");
    REQUIRE(r.exitStatus == 0);
    const auto rows = lines(r.output);
    REQUIRE(rows.size() == 1 + 4 * 2);
    CHECK(rows[1].rfind("gd,1,\"slow \"\"GD\"\"\",0,", 0) == 0);
    // Two Adam racers: their labels name both settings that differ between them.
    CHECK(rows[3].rfind("adam,2,\"Adam (η=0.01, λ=0)\",0,", 0) == 0);
    CHECK(rows[7].rfind("adam,4,\"Adam (η=0.2, λ=0.3)\",0,", 0) == 0);
    CHECK(rows[5].rfind("momentum,3,Momentum (heavy ball),0,", 0) == 0);
    // JSON carries the same ids, labels and the settings that were asked for.
    const std::string out = temporaryDirectory("spec-json") + "/race.json";
    REQUIRE(runData("--landscape quadratic --steps 1 --lr 0.2 --optimizer adam:lr=0.01,colour=#cc79a7 "
                    "--optimizer adam:weight-decay=0.3 --format json --out " + out)
                .exitStatus == 0);
    std::ifstream in(out);
    const auto document = nlohmann::json::parse(in);
    CHECK(document["optimizers"][0]["id"] == 1);
    CHECK(document["optimizers"][0]["label"] == "Adam (η=0.01, λ=0)");
    CHECK(document["optimizers"][0]["hyperparameters"]["lr"] == 0.01);
    CHECK(document["optimizers"][1]["hyperparameters"]["lr"] == 0.2);
    CHECK(document["optimizers"][1]["hyperparameters"]["weight-decay"] == 0.3);
}

TEST_CASE("run: per-racer start, schedule, switches and seed reach the racers") {
    const auto rows = lines(runData("--landscape rosenbrock --steps 1 --optimizer 'gd:start=0.5;-0.25' "
                                    "--optimizer gd:schedule=exp:0.5 --optimizer nesterov:look-ahead "
                                    "--optimizer nesterov --optimizer sgd:seed=3,noise=1 --optimizer sgd:seed=4,noise=1")
                                .output);
    REQUIRE(rows.size() == 1 + 6 * 2);
    CHECK(rows[1].find(",0,0.5,-0.25,") != std::string::npos);
    CHECK(rows[3].find(",0,-1.2,1,") != std::string::npos);  // the landscape's start
    CHECK(rows[5].find("look-ahead form") != std::string::npos);
    CHECK(rows[7].find("torch form") != std::string::npos);
    CHECK(tail(rows[6])[0] != tail(rows[8])[0]);                // the two forms step differently
    CHECK(tail(rows[10])[0] != tail(rows[12])[0]);              // two seeds, two noises
    CHECK(rows[9].find("SGD (seed 3)") != std::string::npos);
}

TEST_CASE("run: --param sets landscape parameters, --l1 and --l2 add the penalty, as render has them") {
    const auto rows = lines(runData("--landscape quadratic --param kappa=20 --param theta=30 --l2 0.5 --l1 0.1 "
                                    "--optimizer gd --steps 0 --start 1,-2")
                                .output);
    REQUIRE(rows.size() == 2);
    const double plain = makeLandscape("quadratic", {{"kappa", 20}, {"theta", 30}})->valueAt({1, -2});
    CHECK(plain != makeLandscape("quadratic")->valueAt({1, -2}));
    // f + l2 |w|^2 + l1 |w|_1 at (1, -2).
    CHECK(tail(rows[1])[2] == doctest::Approx(plain + 0.5 * 5 + 0.1 * 3).epsilon(1e-15));
    // A data landscape's parameters too.
    const auto data = lines(runData("--landscape linreg --param scale=2 --optimizer gd --steps 0").output);
    REQUIRE(data.size() == 2);
    CHECK(tail(data[1])[2] != tail(lines(runData("--landscape linreg --optimizer gd --steps 0").output)[1])[2]);
}

TEST_CASE("every bad spec or parameter is refused with status 2 and one line naming the racer and the key") {
    struct Case {
        std::string arguments, message;
    };
    const std::string out = " --out " + temporaryDirectory("spec-cli") + "/x.png";
    for (const Case& c : std::vector<Case>{
             {"run --landscape quadratic --optimizer gd --optimizer adam:lr=-1",
              "--optimizer 'adam:lr=-1' (racer 2): lr: learning rate must be in (0, 1000], got -1"},
             {"run --landscape quadratic --optimizer gd:beta1=0.5",
              "--optimizer 'gd:beta1=0.5' (racer 1): beta1: not a setting of gd (it takes: lr, weight-decay,"},
             {"run --landscape quadratic --optimizer adam:colour=pink", "colour: expected a colour as #rrggbb"},
             {"run --landscape quadratic --optimizer gd:start=1,2", "start: expected X;Y"},
             {"run --landscape quadratic --optimizer gd:schedule=exp:2", "schedule: schedule gamma must be in (0, 1]"},
             {"run --landscape quadratic --optimizer lbfgs:memory=0", "memory: must be in [1, 100], got 0"},
             {"run --landscape quadratic --optimizer no-such-optimizer:lr=1", "(racer 1): unknown optimizer 'no-such-optimizer'"},
             {"run --landscape quadratic --param kappa=-3 --optimizer gd", "kappa must be in"},
             {"run --landscape quadratic --param kappa --optimizer gd", "--param: expected NAME=VALUE, got 'kappa'"},
             {"run --landscape quadratic --param kappa=x --optimizer gd", "--param kappa: expected a finite number"},
             {"run --landscape quadratic --param gamma=3 --optimizer gd", "gamma"},
             {"run --expr 'x^2+y^2' --param kappa=3 --optimizer gd", "--param: a typed formula has no parameters"},
             {"run --landscape quadratic --l2 -1 --optimizer gd", "L2 lambda must be in"},
             {"render --optimizer adam:eps=0" + out, "--optimizer 'adam:eps=0' (racer 1): eps: epsilon must be in"},
             {"render --landscape quadratic --param kappa=0" + out, "quadratic: parameter kappa must be in"},
             {"render --param kappa=3" + out, "rosenbrock: unknown parameter 'kappa'"},
             {"render --region 1,0,0,1" + out, "--region: expected XMIN < XMAX and YMIN < YMAX"},
             {"render --region 1,2" + out, "--region: expected XMIN,XMAX,YMIN,YMAX, got '1,2'"},
             {"render --camera 0.5,2,5" + out, "--camera: pitch must be in [0.05, 1.5]"},
             {"render --camera 0.5,1,50" + out, "--camera: distance must be in [0.6, 12]"},
             {"render --camera 0.5,1" + out, "--camera: expected YAW,PITCH,DISTANCE"},
             {"--region 0,1,1,0", "--region: expected XMIN < XMAX"},
         }) {
        CAPTURE(c.arguments);
        const CommandResult r = run(std::string(executable()) + " " + c.arguments);
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.message) != std::string::npos);
        CHECK(lines(r.output).size() == 1);
    }
}

TEST_CASE("render's scene: the racers the specs name, the shared start, the region and the camera asked for") {
    RenderOptions options;
    options.landscape = "quadratic";
    options.landscapeParameters = {{"kappa", 5}};
    options.optimizers = {"gd:lr=0.3,colour=#ff0000,start=1;1", "adam,momentum"};
    options.common.values["lr"] = 0.02;
    options.common.start = Vec2(0.5, -0.5);
    options.region = ViewBox{-0.5, 1.5, -0.5, 1.5};
    options.views.camera.yaw = 0.5;
    const Scene scene = sceneFor(options);
    CHECK(scene.landscapeParameters.at("kappa") == 5);
    CHECK(scene.view == ViewBox{-0.5, 1.5, -0.5, 1.5});
    CHECK(scene.views.camera.yaw == 0.5);
    CHECK(scene.sharedStart == Vec2(0.5, -0.5));
    REQUIRE(scene.optimizers.size() == 3);
    CHECK(scene.optimizers[0].colour == 0xff0000u);
    CHECK(scene.optimizers[0].hyperparameters.learningRate == 0.3);
    CHECK(scene.optimizers[0].start == Vec2(1, 1));
    CHECK_FALSE(scene.optimizers[0].followsSharedStart);
    CHECK(scene.optimizers[1].hyperparameters.learningRate == 0.02);
    CHECK(scene.optimizers[2].start == Vec2(0.5, -0.5));
    CHECK(scene.optimizers[2].followsSharedStart);
}

TEST_CASE("run names a diverging racer by its id and label, so two of one kind are told apart") {
    const CommandResult r = run(std::string(executable()) +
                                " run --landscape quadratic --start 1,0 --steps 50 --optimizer gd:lr=0.1 "
                                "--optimizer gd:lr=1");
    CHECK(r.exitStatus == 0);
    CHECK(r.output.find("gd diverged at step 7 (racer 2, Gradient descent (η=1))") != std::string::npos);
    CHECK(r.output.find("(racer 1") == std::string::npos);
}
