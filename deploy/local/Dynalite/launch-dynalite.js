// Starts dynalite for the local stack. dynalite's own cli.js cannot do three things the stack needs:
// listen on port 0 (it treats 0 as "use 4567"), report a locked data directory before the first
// request fails, and end when the .NET host ends even if the host is killed outright.
//
// Usage: node launch-dynalite.js <node_modules dir> [<data dir>] [--port N]
// Prints "listening <port>" once on stdout when ready; any failure is one line on stderr, exit 1.
// --port N listens on that port instead of a free one (the tests restart dynalite on the port a
// client already uses).
'use strict'

const path = require('path')
const args = process.argv.slice(2)
const portAt = args.indexOf('--port')
const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : 0
const [nodeModules, dataDir] = args

function fail (message) {
  console.error(message)
  process.exit(1)
}

async function main () {
  const major = Number(process.versions.node.split('.')[0])
  if (major < 20) fail(`dynalite needs Node.js 20 or newer; this is ${process.version}.`)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port needs a port number from 0 to 65535.')

  if (dataDir) {
    // LevelDB allows one process per directory. Opening it here turns "another stack uses this
    // --data directory" into a clear start-up error instead of a 500 on the first request.
    const { Level } = require(path.join(nodeModules, 'level'))
    const probe = new Level(dataDir, { valueEncoding: 'json' })
    try {
      await probe.open()
    } catch (error) {
      const cause = error.cause && error.cause.code === 'LEVEL_LOCKED' ? 'another process (a running local stack?) is using it' : (error.cause || error).message
      fail(`Cannot open the data directory ${dataDir}: ${cause}.`)
    }
    await probe.close()
  }

  const dynalite = require(path.join(nodeModules, 'dynalite'))
  // Tables turn ACTIVE at once: the 500 ms dynalite waits by default only slows a developer down.
  const server = dynalite({ path: dataDir || undefined, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  server.on('error', error => fail(`dynalite could not listen on 127.0.0.1: ${error.message}`))
  server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`))

  let stopping = false
  function stop () {
    if (stopping) return
    stopping = true
    // Closing waits for requests in flight and closes LevelDB cleanly; the timer bounds the wait.
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  }

  // The host holds our stdin open for its whole life; end-of-file means it is gone, however it went.
  process.stdin.on('end', stop)
  process.stdin.on('error', stop)
  process.stdin.resume()
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch(error => fail(`dynalite failed to start: ${error.message}`))
