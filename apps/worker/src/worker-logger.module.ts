import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, logTransport } from '@xietong/config';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, base: { process: 'worker' }, transport: logTransport(config) },
      }),
    }),
  ],
})
export class WorkerLoggerModule {}
