package io.github.pools.process;

/**
 * Starts the processes of a pool's workers.
 */
interface WorkerStarter {

	/**
	 * Start the process of a worker; returns as soon as it runs, before it is ready.
	 * @param workerId the pool-local id of the worker
	 * @return the process
	 * @throws WorkerStartException if the process could not be started
	 */
	WorkerProcess start(int workerId) throws WorkerStartException;

	/**
	 * Describe how workers are started, for log lines and exceptions.
	 * @return for example the command line, with the class path shortened
	 */
	String describe();

}
