#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Validates a HAR file with har-validator (HAR 1.2 JSON Schema). Exit 0: valid; 1: invalid (errors on
// stderr, one a line); 2: the file cannot be read or is not JSON. Usage: node validate.js FILE
'use strict'

const fs = require('fs')
const validator = require('har-validator')

const file = process.argv[2]
if (!file) {
  console.error('usage: node validate.js FILE')
  process.exit(2)
}
let data
try {
  data = JSON.parse(fs.readFileSync(file, 'utf8'))
} catch (e) {
  console.error(`${file}: ${e.message}`)
  process.exit(2)
}
validator.har(data).then(
  () => {
    console.log(`${file}: valid HAR ${data.log.version}, ${data.log.entries.length} entries`)
  },
  (e) => {
    for (const error of e.errors || [e]) {
      console.error(`${file}: ${error.dataPath || ''} ${error.message}${error.params ? ' ' + JSON.stringify(error.params) : ''}`)
    }
    process.exit(1)
  })
