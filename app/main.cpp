// gradscape: an interactive visualizer of optimization algorithms.
#include "cli.h"

int main(int argc, char** argv) {
    return gradscape::runCli(argc, argv);
}
