#pragma once
// The names scene files give to the schedule kinds (the view modes', themes' and overlays' tables live
// beside their enumerations in view/view_settings.h), shared by the writer and the checking reader.

#include "optimizers/schedule.h"
#include "support/enum_names.h"

namespace gradscape {

/// Schedule kinds as scene files spell them, and as the optimizer panel's schedule picker labels them.
inline constexpr EnumName<Schedule::Kind> kScheduleKinds[] = {
    {Schedule::Kind::Constant, "constant", "constant"},
    {Schedule::Kind::StepDecay, "step", "step decay"},
    {Schedule::Kind::Exponential, "exp", "exponential"},
    {Schedule::Kind::InverseTime, "inv", "1/t"},
    {Schedule::Kind::Cosine, "cosine", "cosine"},
    {Schedule::Kind::Warmup, "warmup", "linear warm-up"}};

}  // namespace gradscape
