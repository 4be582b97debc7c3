// SPDX-License-Identifier: MIT
#include "core/storage/sigv4.h"
