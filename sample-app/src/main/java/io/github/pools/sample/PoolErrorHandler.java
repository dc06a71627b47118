package io.github.pools.sample;

import io.github.pools.BrokenPoolException;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskTimeoutException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.WorkerCrashedException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a task a pool refused into an RFC 9457 problem response:
 * <ul>
 * <li>422 Unprocessable Content for a task of the wrong type: the request asked for
 * work this pool is not for, and retrying will not help;</li>
 * <li>503 Service Unavailable with {@code Retry-After} for a saturated or stopping
 * pool: the same request can succeed later;</li>
 * <li>503 for a broken pool, without {@code Retry-After};</li>
 * <li>502 Bad Gateway when the worker JVM running the task died: the application is
 * fine, the work was lost;</li>
 * <li>504 Gateway Timeout when a task outlived its pool's task timeout and its worker
 * was killed.</li>
 * </ul>
 */
@RestControllerAdvice
class PoolErrorHandler {

	@ExceptionHandler(UnknownTaskTypeException.class)
	ProblemDetail wrongTaskType(UnknownTaskTypeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Task type refused");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("acceptedType", ex.getPoolTaskType());
		problem.setProperty("givenType", ex.getTaskType());
		return problem;
	}

	@ExceptionHandler(BrokenPoolException.class)
	ProblemDetail broken(BrokenPoolException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Pool broken");
		problem.setProperty("pool", ex.getPoolName());
		return problem;
	}

	@ExceptionHandler(WorkerCrashedException.class)
	ProblemDetail workerCrashed(WorkerCrashedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Worker crashed");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("workerPid", ex.getPid());
		problem.setProperty("exitCode", ex.getExitCode());
		return problem;
	}

	@ExceptionHandler(TaskTimeoutException.class)
	ProblemDetail timedOut(TaskTimeoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
		problem.setTitle("Task timed out");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("timeout", ex.getTimeout().toString());
		return problem;
	}

	@ExceptionHandler(TaskRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(TaskRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Pool busy");
		problem.setProperty("pool", ex.getPoolName());
		problem.setProperty("reason", ex.getReason().tagValue());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

}
