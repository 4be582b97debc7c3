// SPDX-License-Identifier: MIT
#include "core/storage/awsconfig.h"
