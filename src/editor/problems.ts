/**
 * "Why this could not be opened": one dialog for every way a document comes in (Open, a file
 * dropped on the canvas, a share link, a template). Whoever fails calls showProblem(); the
 * editor mounts <ProblemDialog/> once. The open document is never touched by a failure.
 */
import { create } from "zustand";
import type { ValidationError } from "../model/document.ts";

export interface Problem {
  /** The dialog's title: what could not be done. */
  title: string;
  /** What is wrong, in a sentence (the decoder's or importer's message). */
  message: string;
  /** A short name for the kind of failure ("The link is cut short (truncated)"). */
  kind?: string;
  /** Every problem of an invalid document, with its JSON path. */
  errors?: ValidationError[];
}

export const useProblem = create<{ problem?: Problem }>()(() => ({ problem: undefined }));

export const showProblem = (problem: Problem) => useProblem.setState({ problem });
export const closeProblem = () => useProblem.setState({ problem: undefined });
