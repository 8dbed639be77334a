# Installs the build tree into a scratch prefix, then builds and runs the consumer against it.
# Inputs: BUILD_DIR, SOURCE_DIR, WORK_DIR, and PROGRAM (the executable the project builds;
# "consumer" if not given).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed (${result}): ${ARGN}")
  endif()
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
if(NOT PROGRAM)
  set(PROGRAM consumer)
endif()
run(${WORK_DIR}/build/${PROGRAM} ${WORK_DIR}/register)
