// SPDX-License-Identifier: MIT
#include "core/storage/catalog.h"
