// SPDX-License-Identifier: MIT
// Signal handling for cancellable CLI commands.
#include "app/cli/interruption.h"

#include <atomic>

namespace tapedeck {

namespace {

std::atomic<int> received { 0 };
static_assert(std::atomic<int>::is_always_lock_free, "the handler must not take a lock");

void onSignal(int number)
{
    received.store(number);
}

} // namespace

Interruption::Interruption()
{
    received.store(0);
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the handler runs once; a second signal finds the default action and ends the process.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    sigaction(SIGINT, &action, &m_previousInt);
    sigaction(SIGTERM, &action, &m_previousTerm);
}

Interruption::~Interruption()
{
    sigaction(SIGINT, &m_previousInt, nullptr);
    sigaction(SIGTERM, &m_previousTerm, nullptr);
}

int Interruption::signal() const
{
    return received.load();
}

} // namespace tapedeck
