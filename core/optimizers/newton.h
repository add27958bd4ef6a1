#pragma once
// Newton's method, with optional damping and optional Armijo line search.
//
// Update rule (lecture):  x_{t+1} = x_t - eta * (H(x_t) + delta I)^{-1} grad f(x_t)     (eta = 1: pure
// Newton) On a quadratic with positive definite H one full step lands on the minimum. On an indefinite H the
// step still goes to the stationary point of the quadratic model: Newton heads for saddles, and the
// note says so. On a singular H (no unique step) it takes a gradient step instead, and says so.

#include "optimizers/line_search.h"
#include "optimizers/optimizer.h"

#include <Eigen/Eigenvalues>

#include <cstdio>

namespace gradscape {

class Newton final : public SteppedOptimizer<Newton> {
  public:
    using SteppedOptimizer::SteppedOptimizer;
    void reset() override { steps_ = 0, direction_.setZero(), hessian_.setZero(), note_.clear(); }
    OptimizerState state() const override {
        return {{{"Newton direction", direction_}}, {{"Hessian", hessian_}}, note_};
    }

    template <class F>
    Vec2 stepWith(const F& f, const Vec2& x, const Vec2& gradient) {
        const Hyperparameters& h = hyperparameters_;
        const double eta = currentLearningRate();
        ++steps_;
        const Vec2 g = gradient + h.weightDecay * x;
        hessian_ = f.hessianAt(x) + (h.damping + h.weightDecay) * Mat2::Identity();
        const double determinant = hessian_.determinant();
        const double scale = hessian_.cwiseAbs().maxCoeff();
        if (!std::isfinite(determinant) || std::abs(determinant) <= 1e-12 * scale * scale) {
            note_ = "singular Hessian: no Newton step exists, took a gradient step";
            direction_ = -g;
        } else {
            direction_ = -hessian_.inverse() * g;
            const Eigen::Vector2d eigenvalues = Eigen::SelfAdjointEigenSolver<Mat2>(hessian_).eigenvalues();
            note_.clear();
            if (eigenvalues.minCoeff() < 0) {
                char text[160];
                std::snprintf(
                    text, sizeof text,
                    "indefinite Hessian (eigenvalues %.3g, %.3g): the step heads for a saddle point",
                    eigenvalues[0], eigenvalues[1]);
                note_ = text;
            }
        }
        if (!h.lineSearch) return x + eta * direction_;
        if (!(g.dot(direction_) < 0)) {
            note_ += note_.empty() ? "" : "; ";
            note_ += "not a descent direction: line search along -gradient";
            direction_ = -g;
        }
        return x + armijoStep(f, x, g, direction_, eta, h.weightDecay) * direction_;
    }

  private:
    Vec2 direction_ = Vec2::Zero();
    Mat2 hessian_ = Mat2::Zero();
    std::string note_;
};

}  // namespace gradscape
