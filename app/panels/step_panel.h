#pragma once
// The step-by-step section: one optimizer of the race advanced a step at a time, its latest step
// worked out term by term with this step's numbers, as a teacher works an example on the board. The
// explanation comes with the snapshot (PathAnalysis::latestStep): the panel only draws it.

#include "session.h"

namespace gradscape {

/// Draws the section's contents: the optimizer picker (session.viewSettings.stepByStepId), "Next step"
/// (pausing a playing race first) and the table of this step's terms. Drawn only while the section is
/// open; it records so in session.layout.stepByStepShown, which the session's analyses() reads.
void drawStepByStep(Session& session, const Snapshot& snapshot);

}  // namespace gradscape
