#!/bin/bash
# Environment for a torch 2.4 job, carried over from a torch 1.13 cluster setup.
export NCCL_ASYNC_ERROR_HANDLING=1
export OMP_NUM_THREADS=8

torchrun --nproc_per_node 8 train.py "$@"
