// Public surface of the engine: compile a PatternSet, create Matchers, receive matches in a MatchSink.
export { PatternSpec, EngineOptions, CompileError, CompileResult, PatternSet, Matcher, MatchSink, Match } from "./matcher";
export { Parser, SyntaxLimits } from "./syntax";
