#pragma once
// The bench's network figures (`gradscape bench`, issue 15): full-batch training steps per second of a
// 2-32-32-1 tanh MLP on 256 moons, and the time a 128x128 plane of its losses takes on two threads.
// Nothing here needs GL.

namespace gradscape {

struct NetworkFigures {
    /// Full-batch gd steps (lr 0.1, as tools/network_torch_speed.py's SGD) per second, each step a forward
    /// pass, backpropagation and the update, recorded as a race records them (advanceParameterPath): the
    /// median of several runs.
    double stepsPerSecond = 0;
    /// Seconds for the losses of a 128x128 grid on the plane through the initial weights along two seeded
    /// random directions (Problem::valuesOnPlane), the rows split over 2 threads: the median of several runs.
    double planeSeconds = 0;
};

/// The figures; `quick` takes few steps and one run (the report's shape only).
NetworkFigures networkFigures(bool quick);

}  // namespace gradscape
