/** The {@code harmledger} command line: one picocli command class per subcommand. */
package org.harmledger.cli;
