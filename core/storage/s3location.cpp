// SPDX-License-Identifier: MIT
#include "core/storage/s3location.h"
