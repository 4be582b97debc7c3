// SPDX-License-Identifier: MIT
#include "core/storage/rangedevice.h"
