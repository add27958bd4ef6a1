#include "commands/exit_status.h"

#include "networks/problem_spec.h"
#include "scene/scene_file.h"

#include <stdexcept>

namespace gradscape {

int exitStatusOf(const std::string& who, const std::function<int()>& command, std::FILE* errors) {
    auto report = [&](const std::exception& e, int status) {
        std::fprintf(errors, "%s: %s\n", who.c_str(), e.what());
        return status;
    };
    try {
        return command();
    } catch (const std::invalid_argument& e) {
        return report(e, kExitRefused);
    } catch (const SceneError& e) {
        return report(e, kExitRefused);
    } catch (const ProblemFileError& e) {
        return report(e, kExitRefused);
    } catch (const std::exception& e) {
        return report(e, kExitFailed);
    }
}

}  // namespace gradscape
