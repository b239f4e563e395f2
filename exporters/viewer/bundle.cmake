# Bundles graph-library.js (sigma.js and graphology from .deps/node_modules) with esbuild into one
# minified script, their MIT notices first, written only when it changes.
#   cmake -DESBUILD=... -DENTRY=... -DMODULES=... -DOUT=... -P bundle.cmake
set(ENV{NODE_PATH} ${MODULES})  # where esbuild finds the packages: .deps, not beside the entry
execute_process(
  COMMAND ${ESBUILD} ${ENTRY} --bundle --minify --format=iife --target=es2019
          --legal-comments=none --log-level=warning --outfile=${OUT}.bundle
  RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "esbuild could not bundle ${ENTRY}")
endif()
set(text "/*! report.html's graph library, bundled by esbuild.\n")
foreach(package sigma graphology)
  file(READ "${MODULES}/${package}/package.json" manifest)
  string(JSON version GET "${manifest}" version)
  file(READ "${MODULES}/${package}/LICENSE.txt" license)
  string(REPLACE "*/" "* /" license "${license}")
  string(APPEND text "\n${package} ${version}:\n${license}")
endforeach()
string(APPEND text "*/\n")
file(READ ${OUT}.bundle bundle)
file(WRITE ${OUT}.new "${text}${bundle}")
file(REMOVE ${OUT}.bundle)
file(COPY_FILE ${OUT}.new ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.new)
