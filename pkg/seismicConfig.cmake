# find_package(seismic) gives the target seismic::seismic: the include directory of seismic.h and the
# libraries its implementation needs (libsecp256k1, BearSSL). seismic.h is a single-file library: define
# SEISMIC_IMPLEMENTATION in one source file of the program before including it.
get_filename_component(_seismic_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
find_library(SEISMIC_SECP256K1_LIBRARY NAMES secp256k1)
find_library(SEISMIC_BEARSSL_LIBRARY NAMES bearssl)
if(NOT SEISMIC_SECP256K1_LIBRARY OR NOT SEISMIC_BEARSSL_LIBRARY)
  set(seismic_FOUND FALSE)
  set(seismic_NOT_FOUND_MESSAGE "seismic needs libsecp256k1 and BearSSL (Debian: libsecp256k1-dev libbearssl-dev)")
  return()
endif()
if(NOT TARGET seismic::seismic)
  add_library(seismic::seismic INTERFACE IMPORTED)
  set_target_properties(seismic::seismic PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_seismic_prefix}/include"
    INTERFACE_LINK_LIBRARIES "${SEISMIC_SECP256K1_LIBRARY};${SEISMIC_BEARSSL_LIBRARY}")
endif()
unset(_seismic_prefix)
